import { Client } from 'pg';
import { auth, eventually, Officer, Organization, RunningCapacityBuilding, startTestCapacityBuilding } from './harness';

// Real: Postgres and NATS JetStream of this file's own. A closed programme changes no more, but
// who may see it stays its origin's call: the partner closing it must not leave the origin unable
// to restrict it (ARCHITECTURE.md, "Who may see what": it holds over time).

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe("a closed programme's reach", () => {
  let service: RunningCapacityBuilding;
  let database: Client;
  let un: Organization, au: Organization, eu: Organization;
  let unOfficer: Officer, auOfficer: Officer, euOfficer: Officer;
  let programmeId: string, milestoneId: string;

  beforeAll(async () => {
    service = await startTestCapacityBuilding('cb_closed_reach', async (registry) => {
      un = await registry.organization('UN', 'united-nations', 'global');
      au = await registry.organization('AU');
      eu = await registry.organization('EU', 'regional', 'europe');
      unOfficer = await registry.officer(un);
      auOfficer = await registry.officer(au);
      euOfficer = await registry.officer(eu);
    });
    await service.known([un.id, au.id, eu.id], [unOfficer.id, auOfficer.id, euOfficer.id]);
    database = new Client({ connectionString: service.databaseUrl });
    await database.connect();
    const http = service.http;
    programmeId = (
      await http.post('/api/v1/programmes').set(auth(unOfficer)).send({ title: 'AU electoral assistance', partnerOrganizationId: au.id, scope: 'comprehensive' }).expect(201)
    ).body.id;
    milestoneId = (await http.post('/api/v1/milestones').set(auth(auOfficer)).send({ programmeId, title: 'Observer roster', dueOn: day(20) }).expect(201)).body.id;
    // the partner closes the green programme the UN launched
    await http.patch(`/api/v1/programmes/${programmeId}`).set(auth(auOfficer)).send({ status: 'closed' }).expect(200);
    await http.get(`/api/v1/programmes/${programmeId}`).set(auth(euOfficer)).expect(200);
  });

  afterAll(async () => {
    await database?.end();
    await service?.stop();
  });

  const footprint = async () =>
    (await database.query(`SELECT (SELECT version FROM programmes WHERE id = $1) AS version, (SELECT count(*)::int FROM outbox) AS outbox, (SELECT count(*)::int FROM audit_log) AS audit`, [programmeId])).rows[0];

  it('the partner may not change who sees it (403), nor anyone its content (409): nothing written', async () => {
    const before = await footprint();
    const refused = await service.http.patch(`/api/v1/programmes/${programmeId}`).set(auth(auOfficer)).send({ classification: 'green' }).expect(403);
    expect(refused.body.code).toBe('origin-only');
    await service.http.patch(`/api/v1/programmes/${programmeId}`).set(auth(unOfficer)).send({ title: 'Renamed' }).expect(409);
    // a change of reach may not carry content with it
    await service.http.patch(`/api/v1/programmes/${programmeId}`).set(auth(unOfficer)).send({ classification: 'amber-strict', title: 'Renamed' }).expect(409);
    expect(await footprint()).toEqual(before);
  });

  it('the origin raises it: it stays closed, and those who lost sight of it read neither it nor its milestones', async () => {
    const { body } = await service.http.patch(`/api/v1/programmes/${programmeId}`).set(auth(unOfficer)).send({ classification: 'amber-strict' }).expect(200);
    expect(body).toMatchObject({ status: 'closed', closedOn: day(0), classification: 'amber-strict', version: 3, title: 'AU electoral assistance' });
    for (const who of [euOfficer, auOfficer]) {
      await service.http.get(`/api/v1/programmes/${programmeId}`).set(auth(who)).expect(404);
      await service.http.get(`/api/v1/milestones/${milestoneId}`).set(auth(who)).expect(404);
      const { body: listed } = await service.http.get('/api/v1/programmes?status=closed').set(auth(who)).expect(200);
      expect(listed.items).toEqual([]);
    }
    await service.http.get(`/api/v1/milestones/${milestoneId}`).set(auth(unOfficer)).expect(200);
  });

  it('publishes programme.reclassified with the new reach at the new version, and no programme.updated or .closed again', async () => {
    const [reclassified] = await eventually(
      async () => (await service.events('liaison.capacity-building.programme.reclassified')).filter((m) => m.event.subject === programmeId),
      1,
    );
    expect(reclassified.event).toMatchObject({ sequence: '3', classification: 'amber-strict', data: { programmeId, previousClassification: 'green', reclassifiedBy: unOfficer.id } });
    const states = [
      ...(await service.events('liaison.capacity-building.programme.updated')),
      ...(await service.events('liaison.capacity-building.programme.closed')),
    ].filter((m) => m.event.subject === programmeId);
    expect(states.map((m) => m.event.sequence)).toEqual(['2']);
  });

  it('the same audience named in another order is no change: nothing written, no programme.reclassified', async () => {
    const widen = (organizations: string[]) =>
      service.http.patch(`/api/v1/programmes/${programmeId}`).set(auth(unOfficer)).send({ classification: 'amber', audience: { organizations } }).expect(200);
    const { body: amber } = await widen([eu.id, au.id]);
    const before = await footprint();
    const { body: again } = await widen([au.id, eu.id]);
    expect(again.version).toBe(amber.version);
    expect(await footprint()).toEqual(before);
  });
});
