import { auth, Officer, Organization, RunningCapacityBuilding, startTestCapacityBuilding } from './harness';

// Real: Postgres and NATS JetStream of this file's own. One officer's requests in flight at once
// on one programme: following it while taking part in it (planning a milestone, changing the
// programme), as a console sends them when a button is pressed twice or two tabs act together.

describe('following a programme while taking part in it, at once', () => {
  let service: RunningCapacityBuilding;
  let un: Organization, au: Organization;
  let unOfficer: Officer, auOfficer: Officer;

  beforeAll(async () => {
    service = await startTestCapacityBuilding('cb_concurrent_following', async (registry) => {
      un = await registry.organization('UN', 'united-nations', 'global');
      au = await registry.organization('AU');
      unOfficer = await registry.officer(un);
      auOfficer = await registry.officer(au);
    });
    await service.known([un.id, au.id], [unOfficer.id, auOfficer.id]);
  });

  afterAll(() => service.stop());

  it('answers every request (no 500 from a deadlock) and leaves the officer following, with every milestone planned', async () => {
    const http = service.http;
    for (let round = 0; round < 10; round++) {
      const { body: programme } = await http
        .post('/api/v1/programmes')
        .set(auth(unOfficer))
        .send({ title: `AU mediation capacities ${round}`, partnerOrganizationId: au.id, scope: 'mediation' })
        .expect(201);
      // the AU officer does not follow it yet: the first of these makes their follower row
      const responses = await Promise.all([
        http.post('/api/v1/milestones').set(auth(auOfficer)).send({ programmeId: programme.id, title: 'Roster reviewed', dueOn: '2030-06-30' }),
        http.post(`/api/v1/programmes/${programme.id}/follow`).set(auth(auOfficer)),
        http.patch(`/api/v1/programmes/${programme.id}`).set(auth(auOfficer)).send({ focusAreas: ['mediation'] }),
        http.post(`/api/v1/programmes/${programme.id}/follow`).set(auth(auOfficer)),
      ]);
      expect(responses.map((r) => r.status)).toEqual([201, 200, 200, 200]);
      const { body: after } = await http.get(`/api/v1/programmes/${programme.id}`).set(auth(auOfficer)).expect(200);
      expect(after).toMatchObject({ following: true, version: 2, focusAreas: ['mediation'], progress: { total: 1 } });
      const { body: followers } = await http.get(`/api/v1/programmes/${programme.id}/followers`).set(auth(unOfficer)).expect(200);
      expect(followers.items.map((f: { officerId: string }) => f.officerId).sort()).toEqual([unOfficer.id, auOfficer.id].sort());
    }
  });
});
