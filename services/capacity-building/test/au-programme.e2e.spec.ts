import { Client } from 'pg';
import { MilestoneDelays } from '../src/milestone/milestone-delays';
import { auth, eventually, Officer, Organization, RunningCapacityBuilding, startTestCapacityBuilding } from './harness';

// Real: Postgres and NATS JetStream of this file's own; the service started as in production, and
// a second instance of it on the same database and streams. The founding document's programme:
// DPPA builds the African Union's capacities in conflict prevention, mediation support,
// electoral assistance and support to its policy organs.

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('the AU programme of the founding document, through the HTTP API', () => {
  let service: RunningCapacityBuilding;
  let database: Client;
  let un: Organization, au: Organization, eu: Organization;
  let unOfficer: Officer, auOfficer: Officer, auColleague: Officer, euOfficer: Officer;
  let programmeId: string;
  const milestones: Record<string, string> = {};

  const delayedEvents = async () => (await service.events('liaison.capacity-building.milestone.delayed')).map((m) => m.event as any);

  beforeAll(async () => {
    service = await startTestCapacityBuilding('cb_au_programme', async (registry) => {
      un = await registry.organization('UN', 'united-nations', 'global');
      au = await registry.organization('AU');
      eu = await registry.organization('EU', 'regional', 'europe');
      unOfficer = await registry.officer(un, { name: 'DPPA Africa desk' });
      auOfficer = await registry.officer(au, { name: 'AU PSD officer' });
      auColleague = await registry.officer(au, { name: 'AU electoral officer', language: 'fr' });
      euOfficer = await registry.officer(eu);
    });
    await service.known([un.id, au.id, eu.id], [unOfficer.id, auOfficer.id, auColleague.id, euOfficer.id]);
    database = new Client({ connectionString: service.databaseUrl });
    await database.connect();
  });

  afterAll(async () => {
    await database.end();
    await service.stop();
  });

  it('launches a comprehensive, amber programme with the four focus areas; the AU and the UN see it, the EU does not', async () => {
    const { body } = await service.http
      .post('/api/v1/programmes')
      .set(auth(unOfficer))
      .send({
        title: 'UN–AU capacity-building on peace and security',
        partnerOrganizationId: au.id,
        scope: 'comprehensive',
        focusAreas: ['conflict-prevention', 'mediation', 'electoral-assistance', 'policy-organs-support'],
        startsOn: day(-30),
        endsOn: day(700),
        classification: 'amber',
      })
      .expect(201);
    programmeId = body.id;
    expect(body).toMatchObject({
      partnerOrganizationId: au.id,
      scope: 'comprehensive',
      status: 'active',
      classification: 'amber',
      // an amber programme is always shared with its partner
      audience: { organizations: [au.id], officers: [] },
      originOrganizationId: un.id,
      authorId: unOfficer.id,
      progress: { done: 0, total: 0, delayed: 0 },
      following: true,
    });
    expect(body.focusAreas).toEqual(['conflict-prevention', 'mediation', 'electoral-assistance', 'policy-organs-support']);

    const [launched] = await eventually(() => service.events('liaison.capacity-building.programme.launched'), 1);
    expect(launched.event).toMatchObject({ type: 'liaison.programme.launched.v1', subject: programmeId, classification: 'amber', originorg: un.id, sequence: '1' });
    expect(launched.messageId).toBe(launched.event.id);

    await service.http.get(`/api/v1/programmes/${programmeId}`).set(auth(auColleague)).expect(200);
    await service.http.get(`/api/v1/programmes/${programmeId}`).set(auth(euOfficer)).expect(404);
    const { body: euList } = await service.http.get('/api/v1/programmes').set(auth(euOfficer)).expect(200);
    expect(euList.items).toEqual([]);
  });

  it('plans milestones (the AU and the UN), completes three on time, and shows progress', async () => {
    const plan = async (officer: Officer, title: string, dueOn: string) =>
      (await service.http.post('/api/v1/milestones').set(auth(officer)).send({ programmeId, title, dueOn }).expect(201)).body;
    milestones.roster = (await plan(auOfficer, 'Mediation support roster reviewed', day(20))).id;
    milestones.earlyWarning = (await plan(unOfficer, 'Continental early-warning analysts trained', day(30))).id;
    milestones.elections = (await plan(auColleague, 'Electoral assistance needs assessment', day(40))).id;
    const late = await plan(auOfficer, 'PSC secretariat support plan adopted', day(5));
    milestones.psc = late.id;
    expect(late).toMatchObject({ programmeId, status: 'planned', dueOn: day(5), completedOn: null, authorId: auOfficer.id });

    const complete = (officer: Officer, id: string, note?: string) =>
      service.http.post(`/api/v1/milestones/${id}/complete`).set(auth(officer)).send({ completedOn: day(0), ...(note ? { note } : {}) });
    const { body: done } = await complete(auOfficer, milestones.roster, 'Roster of 40 mediators validated.').expect(200);
    expect(done).toMatchObject({ status: 'completed', completedOn: day(0), note: 'Roster of 40 mediators validated.', version: 2 });
    await complete(unOfficer, milestones.earlyWarning).expect(200);
    await complete(auColleague, milestones.elections).expect(200);

    const { body: programme } = await service.http.get(`/api/v1/programmes/${programmeId}`).set(auth(auOfficer)).expect(200);
    expect(programme.progress).toEqual({ done: 3, total: 4, delayed: 0 });

    const { body: completed } = await service.http.get(`/api/v1/milestones?programmeId=${programmeId}&status=completed`).set(auth(unOfficer)).expect(200);
    expect(completed.items.map((m: { id: string }) => m.id).sort()).toEqual([milestones.roster, milestones.earlyWarning, milestones.elections].sort());
    const { body: euMilestones } = await service.http.get(`/api/v1/milestones?programmeId=${programmeId}`).set(auth(euOfficer)).expect(200);
    expect(euMilestones.items).toEqual([]);
    await service.http.get(`/api/v1/milestones/${milestones.psc}`).set(auth(euOfficer)).expect(404);

    const completedEvents = await eventually(() => service.events('liaison.capacity-building.milestone.completed'), 3);
    const roster = completedEvents.find((m) => m.event.subject === milestones.roster)!.event as any;
    expect(roster.data).toMatchObject({ programmeId, programmeTitle: 'UN–AU capacity-building on peace and security', partnerOrganizationId: au.id, completedOn: day(0), note: 'Roster of 40 mediators validated.', classification: 'amber', audience: { organizations: [au.id] }, changedBy: auOfficer.id });
    // the officer who completed it is not among the followers it names: they know
    expect([...roster.data.followers].sort()).toEqual([unOfficer.id, auColleague.id].sort());
  });

  it('lists by partner, focus area and status', async () => {
    const ids = async (query: string) =>
      (await service.http.get(`/api/v1/programmes?${query}`).set(auth(auOfficer)).expect(200)).body.items.map((p: { id: string }) => p.id);
    expect(await ids(`partnerOrganizationId=${au.id}&focusArea=electoral-assistance&status=active`)).toEqual([programmeId]);
    expect(await ids(`focusArea=policy-organs-support`)).toEqual([programmeId]);
    expect(await ids(`focusArea=peacekeeping`)).toEqual([]);
    expect(await ids(`partnerOrganizationId=${eu.id}`)).toEqual([]);
    expect(await ids(`status=closed`)).toEqual([]);
    expect(await ids(`scope=mediation`)).toEqual([]);
  });

  it('two instances run the delay check at the same moment: the late milestone is marked once, and milestone.delayed is published once', async () => {
    const replica = await service.replica();
    const afterDue = day(6);
    const [first, second] = await Promise.all([
      service.app.get(MilestoneDelays).markDelayed(afterDue),
      replica.app.get(MilestoneDelays).markDelayed(afterDue),
    ]);
    // one of them marked it, the other found nothing left to mark
    expect([...first, ...second]).toEqual([milestones.psc]);

    const [delayed] = await eventually(delayedEvents, 1);
    expect(delayed).toMatchObject({ type: 'liaison.milestone.delayed.v1', subject: milestones.psc, classification: 'amber', originorg: un.id, sequence: '2' });
    expect(delayed.data).toMatchObject({ milestoneId: milestones.psc, programmeId, title: 'PSC secretariat support plan adopted', dueOn: day(5), status: 'delayed', partnerOrganizationId: au.id });
    // everyone who took part follows the programme, and the event names them
    expect([...delayed.data.followers].sort()).toEqual([unOfficer.id, auOfficer.id, auColleague.id].sort());
    // no officer made this change
    expect(delayed.data.changedBy).toBeUndefined();

    // again, on both: nothing more
    expect(await Promise.all([service.app.get(MilestoneDelays).markDelayed(afterDue), replica.app.get(MilestoneDelays).markDelayed(afterDue)])).toEqual([[], []]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await delayedEvents()).filter((e) => e.subject === milestones.psc)).toHaveLength(1);
    const { rows } = await database.query(`SELECT count(*)::int AS n FROM outbox WHERE event::jsonb ->> 'type' = 'liaison.milestone.delayed.v1'`);
    expect(rows[0].n).toBe(1);

    const { body: programme } = await service.http.get(`/api/v1/programmes/${programmeId}`).set(auth(unOfficer)).expect(200);
    expect(programme.progress).toEqual({ done: 3, total: 4, delayed: 1 });
    const { body: late } = await service.http.get(`/api/v1/milestones?programmeId=${programmeId}&status=delayed`).set(auth(auOfficer)).expect(200);
    expect(late.items.map((m: { id: string }) => m.id)).toEqual([milestones.psc]);
  });

  it('rescheduling a delayed milestone plans it again, with the due date it replaces', async () => {
    const { body } = await service.http.patch(`/api/v1/milestones/${milestones.psc}`).set(auth(auOfficer)).send({ dueOn: day(60) }).expect(200);
    expect(body).toMatchObject({ status: 'planned', dueOn: day(60), version: 3 });
    const replanned = await eventually(
      async () => (await service.events('liaison.capacity-building.milestone.planned')).filter((m) => m.event.subject === milestones.psc && m.event.sequence === '3'),
      1,
    );
    expect((replanned[0].event as any).data).toMatchObject({ dueOn: day(60), previousDueOn: day(5), status: 'planned' });
    const { body: programme } = await service.http.get(`/api/v1/programmes/${programmeId}`).set(auth(unOfficer)).expect(200);
    expect(programme.progress).toEqual({ done: 3, total: 4, delayed: 0 });
  });

  it('serves its OpenAPI and AsyncAPI documents', async () => {
    const { body: openapi } = await service.http.get('/api/v1/capacity-building/openapi.json').expect(200);
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/api/v1/programmes', '/api/v1/programmes/{id}', '/api/v1/programmes/{id}/unfollow', '/api/v1/milestones', '/api/v1/milestones/{id}/complete', '/api/v1/capacity-building/dead-letters']),
    );
    const { body: asyncapi } = await service.http.get('/api/v1/capacity-building/asyncapi.json').expect(200);
    expect(JSON.stringify(asyncapi)).toContain('liaison.milestone.delayed.v1');
  });

  it('the UN closes the programme: programme.closed, and its milestones change no more', async () => {
    const { body } = await service.http.patch(`/api/v1/programmes/${programmeId}`).set(auth(unOfficer)).send({ status: 'closed' }).expect(200);
    expect(body).toMatchObject({ status: 'closed', closedOn: day(0), version: 2 });
    const [closed] = await eventually(() => service.events('liaison.capacity-building.programme.closed'), 1);
    expect((closed.event as any).data).toMatchObject({ programmeId, closedOn: day(0), status: 'closed' });
    await service.http.post('/api/v1/milestones').set(auth(auOfficer)).send({ programmeId, title: 'Late addition', dueOn: day(10) }).expect(409);
    await service.http.patch(`/api/v1/programmes/${programmeId}`).set(auth(auOfficer)).send({ title: 'Renamed' }).expect(409);
    // a closed programme's open milestones are not flagged
    expect(await service.app.get(MilestoneDelays).markDelayed(day(90))).toEqual([]);
  });
});
