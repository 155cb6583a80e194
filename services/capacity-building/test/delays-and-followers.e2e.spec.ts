import { auth, eventually, Officer, Organization, RunningCapacityBuilding, startTestCapacityBuilding } from './harness';

// Real: Postgres and NATS JetStream of this file's own; two instances of the service on the same
// database and streams, each running its scheduled delay check every 100 ms.

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('the scheduled delay check, and who follows a programme', () => {
  let service: RunningCapacityBuilding;
  let un: Organization, au: Organization;
  let unOfficer: Officer, auOfficer: Officer, auColleague: Officer, unReader: Officer;
  let programmeId: string;

  const followers = async () =>
    (await service.http.get(`/api/v1/programmes/${programmeId}/followers`).set(auth(unReader)).expect(200)).body.items.map((f: { officerId: string }) => f.officerId).sort();

  beforeAll(async () => {
    service = await startTestCapacityBuilding(
      'cb_delays',
      async (registry) => {
        un = await registry.organization('UN', 'united-nations', 'global');
        au = await registry.organization('AU');
        unOfficer = await registry.officer(un);
        unReader = await registry.officer(un);
        auOfficer = await registry.officer(au);
        auColleague = await registry.officer(au);
      },
      { MILESTONE_CHECK_MS: '100' },
    );
    await service.known([un.id, au.id], [unOfficer.id, auOfficer.id, auColleague.id, unReader.id]);
    programmeId = (
      await service.http
        .post('/api/v1/programmes')
        .set(auth(auOfficer))
        .send({ title: 'AU mediation support unit', partnerOrganizationId: au.id, scope: 'mediation', focusAreas: ['mediation'] })
        .expect(201)
    ).body.id;
  });

  afterAll(() => service.stop());

  it('with two replicas checking every 100 ms, a milestone past its due date is marked delayed once, and published once', async () => {
    await service.replica({ MILESTONE_CHECK_MS: '100' });
    // recorded late: it was due yesterday
    const { body: milestone } = await service.http.post('/api/v1/milestones').set(auth(unOfficer)).send({ programmeId, title: 'Roster reviewed', dueOn: day(-1) }).expect(201);
    const delayed = await eventually(
      async () => (await service.events('liaison.capacity-building.milestone.delayed')).filter((m) => m.event.subject === milestone.id),
      1,
    );
    // many more checks by both replicas: still one
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await service.events('liaison.capacity-building.milestone.delayed')).filter((m) => m.event.subject === milestone.id)).toHaveLength(1);
    expect(delayed[0].event).toMatchObject({ sequence: '2', data: expect.objectContaining({ status: 'delayed', dueOn: day(-1) }) });
    const { body } = await service.http.get(`/api/v1/milestones/${milestone.id}`).set(auth(auOfficer)).expect(200);
    expect(body).toMatchObject({ status: 'delayed', version: 2 });
  });

  it('officers who take part follow; one who unfollows is no longer named, and follows again by taking part', async () => {
    // the AU author launched it, the UN officer planned a milestone
    expect(await followers()).toEqual([auOfficer.id, unOfficer.id].sort());
    const { body: planned } = await service.http.post('/api/v1/milestones').set(auth(auColleague)).send({ programmeId, title: 'Guidance note', dueOn: day(30) }).expect(201);
    expect(await followers()).toEqual([auOfficer.id, unOfficer.id, auColleague.id].sort());

    const { body: view } = await service.http.post(`/api/v1/programmes/${programmeId}/unfollow`).set(auth(unOfficer)).expect(200);
    expect(view.following).toBe(false);
    expect(await followers()).toEqual([auOfficer.id, auColleague.id].sort());

    // the next change names the followers but the officer who made it
    await service.http.patch(`/api/v1/milestones/${planned.id}`).set(auth(auColleague)).send({ dueOn: day(45) }).expect(200);
    const [replanned] = await eventually(
      async () => (await service.events('liaison.capacity-building.milestone.planned')).filter((m) => m.event.subject === planned.id && m.event.sequence === '2'),
      1,
    );
    expect((replanned.event as any).data.followers).toEqual([auOfficer.id]);

    // completing a milestone is taking part again
    await service.http.post(`/api/v1/milestones/${planned.id}/complete`).set(auth(unOfficer)).send({ completedOn: day(0) }).expect(200);
    expect(await followers()).toEqual([auOfficer.id, unOfficer.id, auColleague.id].sort());
    const { body: programme } = await service.http.get(`/api/v1/programmes/${programmeId}`).set(auth(unOfficer)).expect(200);
    expect(programme.following).toBe(true);

    // any officer who may see it can follow it
    const { body: followed } = await service.http.post(`/api/v1/programmes/${programmeId}/follow`).set(auth(unReader)).expect(200);
    expect(followed.following).toBe(true);
    const { body: list } = await service.http.get('/api/v1/programmes').set(auth(unReader)).expect(200);
    expect(list.items.find((p: { id: string }) => p.id === programmeId).following).toBe(true);
  });
});
