import { MilestoneDelays } from '../src/milestone/milestone-delays';
import { auth, eventually, Officer, Organization, RunningCapacityBuilding, startTestCapacityBuilding } from './harness';

// Real: Postgres and NATS JetStream of this file's own. Followers are named to everyone who may
// see a programme (GET followers) and in its events' `followers` (notifications tells them): an
// officer whose organization may no longer see the programme must be named in neither. Their
// follow is kept, not dropped: it applies again once they may see the programme again.

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('followers who may no longer see the programme', () => {
  let service: RunningCapacityBuilding;
  let un: Organization, au: Organization, eu: Organization, oas: Organization;
  let unOfficer: Officer, unColleague: Officer, auOfficer: Officer, euOfficer: Officer, euColleague: Officer, euLeaver: Officer;
  let programmeId: string, guidanceId: string, rosterId: string;
  /** when the EU officer followed, before anything narrowed */
  let euSince: string;

  const followersAs = async (reader: Officer): Promise<string[]> =>
    (await service.http.get(`/api/v1/programmes/${programmeId}/followers`).set(auth(reader)).expect(200)).body.items.map((f: { officerId: string }) => f.officerId).sort();
  const sinceOf = async (officerId: string): Promise<string | undefined> =>
    (await service.http.get(`/api/v1/programmes/${programmeId}/followers`).set(auth(unOfficer)).expect(200)).body.items.find((f: { officerId: string }) => f.officerId === officerId)?.since;
  const published = async (subject: string, aggregate: string, sequence: string) =>
    (
      await eventually(async () => (await service.events(`liaison.capacity-building.${subject}`)).filter((m) => m.event.subject === aggregate && m.event.sequence === sequence), 1)
    )[0].event as unknown as { data: { followers: string[] } };
  const sorted = (ids: string[]) => [...ids].sort();

  beforeAll(async () => {
    service = await startTestCapacityBuilding(
      'cb_followers_sight',
      async (registry) => {
        un = await registry.organization('UN', 'united-nations', 'global');
        au = await registry.organization('AU');
        eu = await registry.organization('EU', 'regional', 'europe');
        oas = await registry.organization('OAS', 'regional', 'americas');
        unOfficer = await registry.officer(un);
        unColleague = await registry.officer(un);
        auOfficer = await registry.officer(au);
        euOfficer = await registry.officer(eu);
        euColleague = await registry.officer(eu);
        euLeaver = await registry.officer(eu);
      },
      // the scheduled delay check is kept out of the way: the test runs it when it means to
      { MILESTONE_CHECK_MS: '3600000' },
    );
    await service.known([un.id, au.id, eu.id, oas.id], [unOfficer.id, unColleague.id, auOfficer.id, euOfficer.id, euColleague.id, euLeaver.id]);
    const http = service.http;
    // the UN shares it with the EU besides its partner, the AU (amber)
    programmeId = (
      await http
        .post('/api/v1/programmes')
        .set(auth(unOfficer))
        .send({ title: 'AU mediation support unit', partnerOrganizationId: au.id, scope: 'mediation', classification: 'amber', audience: { organizations: [eu.id] } })
        .expect(201)
    ).body.id;
    guidanceId = (await http.post('/api/v1/milestones').set(auth(auOfficer)).send({ programmeId, title: 'Guidance note', dueOn: day(30) }).expect(201)).body.id;
    // recorded late: due yesterday, not yet marked
    rosterId = (await http.post('/api/v1/milestones').set(auth(auOfficer)).send({ programmeId, title: 'Roster reviewed', dueOn: day(-1) }).expect(201)).body.id;
    for (const follower of [unColleague, euOfficer, euColleague, euLeaver]) {
      await http.post(`/api/v1/programmes/${programmeId}/follow`).set(auth(follower)).expect(200);
    }
    expect(await followersAs(unOfficer)).toEqual(sorted([unOfficer.id, unColleague.id, auOfficer.id, euOfficer.id, euColleague.id, euLeaver.id]));
    euSince = (await sinceOf(euOfficer.id))!;
  });

  afterAll(() => service?.stop());

  it('once the audience no longer names their organization, GET followers does not list them', async () => {
    await service.http.patch(`/api/v1/programmes/${programmeId}`).set(auth(unOfficer)).send({ audience: { organizations: [] } }).expect(200);
    await service.http.get(`/api/v1/programmes/${programmeId}`).set(auth(euOfficer)).expect(404);
    expect(await followersAs(unOfficer)).toEqual(sorted([unOfficer.id, unColleague.id, auOfficer.id]));
    expect(await followersAs(auOfficer)).toEqual(sorted([unOfficer.id, unColleague.id, auOfficer.id]));
  });

  it('the narrowing change itself names only followers who may see the programme now', async () => {
    const narrowed = await published('programme.updated', programmeId, '2');
    expect(sorted(narrowed.data.followers)).toEqual(sorted([unColleague.id, auOfficer.id]));
  });

  it('the next milestone event names only followers who may see the programme', async () => {
    await service.http.patch(`/api/v1/milestones/${guidanceId}`).set(auth(auOfficer)).send({ dueOn: day(45) }).expect(200);
    const replanned = await published('milestone.planned', guidanceId, '2');
    expect(sorted(replanned.data.followers)).toEqual(sorted([unOfficer.id, unColleague.id]));
  });

  it('the late-milestone event names only followers who may see the programme', async () => {
    expect(await service.app.get(MilestoneDelays).markDelayed()).toEqual([rosterId]);
    const delayed = await published('milestone.delayed', rosterId, '2');
    expect(sorted(delayed.data.followers)).toEqual(sorted([unOfficer.id, unColleague.id, auOfficer.id]));
  });

  it('raising the level drops the partner too; widening it again, each follow applies again, from when it was made', async () => {
    await service.http.patch(`/api/v1/programmes/${programmeId}`).set(auth(unOfficer)).send({ classification: 'amber-strict' }).expect(200);
    expect(await followersAs(unOfficer)).toEqual(sorted([unOfficer.id, unColleague.id]));
    await service.http.get(`/api/v1/programmes/${programmeId}/followers`).set(auth(auOfficer)).expect(404);
    const { body: lessons } = await service.http.post('/api/v1/milestones').set(auth(unOfficer)).send({ programmeId, title: 'Lessons learned', dueOn: day(60) }).expect(201);
    expect((await published('milestone.planned', lessons.id, '1')).data.followers).toEqual([unColleague.id]);

    await service.http.patch(`/api/v1/programmes/${programmeId}`).set(auth(unOfficer)).send({ classification: 'green' }).expect(200);
    expect(await followersAs(euOfficer)).toEqual(sorted([unOfficer.id, unColleague.id, auOfficer.id, euOfficer.id, euColleague.id, euLeaver.id]));
    // the follow kept, not a new one
    expect(await sinceOf(euOfficer.id)).toBe(euSince);
    const { body: programme } = await service.http.get(`/api/v1/programmes/${programmeId}`).set(auth(euOfficer)).expect(200);
    expect(programme.following).toBe(true);
    await service.http.patch(`/api/v1/milestones/${guidanceId}`).set(auth(auOfficer)).send({ dueOn: day(50) }).expect(200);
    const replanned = await published('milestone.planned', guidanceId, '3');
    expect(sorted(replanned.data.followers)).toEqual(sorted([unOfficer.id, unColleague.id, euOfficer.id, euColleague.id, euLeaver.id]));
  });

  it('a follower who moves to an organization that may not see it, or leaves, is named no more', async () => {
    await service.http.patch(`/api/v1/programmes/${programmeId}`).set(auth(unOfficer)).send({ classification: 'amber', audience: { organizations: [eu.id] } }).expect(200);
    expect(await followersAs(unOfficer)).toEqual(sorted([unOfficer.id, unColleague.id, auOfficer.id, euOfficer.id, euColleague.id, euLeaver.id]));
    const moved = await service.registry.officerUpdated(euColleague, 2, { organization: oas });
    await service.registry.officerLeft(euLeaver, 2);
    // the read model has both once the mover's new token is honoured (404: OAS may not see it) and the leaver's is not (401)
    const statusOf = async (officer: Officer) => (await service.http.get(`/api/v1/programmes/${programmeId}`).set(auth(officer))).status;
    await eventually(async () => [await statusOf(moved)].filter((status) => status === 404), 1);
    await eventually(async () => [await statusOf(euLeaver)].filter((status) => status === 401), 1);
    expect(await followersAs(unOfficer)).toEqual(sorted([unOfficer.id, unColleague.id, auOfficer.id, euOfficer.id]));
    await service.http.patch(`/api/v1/milestones/${guidanceId}`).set(auth(auOfficer)).send({ dueOn: day(55) }).expect(200);
    const replanned = await published('milestone.planned', guidanceId, '4');
    expect(sorted(replanned.data.followers)).toEqual(sorted([unOfficer.id, unColleague.id, euOfficer.id]));
  });
});
