import { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { auth, eventually, Officer, Organization, RunningCapacityBuilding, startTestCapacityBuilding, tokenFor } from './harness';

// Real: Postgres and NATS of this file's own. Every refused write gets its status and problem
// details naming the field, and leaves nothing behind: no row, no follower, no outbox row, no
// audit entry, no event on the stream.

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('bad input and forbidden writes', () => {
  let service: RunningCapacityBuilding;
  let database: Client;
  let un: Organization, au: Organization, eu: Organization;
  let unOfficer: Officer, auOfficer: Officer, euOfficer: Officer;
  let greenProgramme: string, amberProgramme: string, milestone: string, completed: string;
  const nobody = '0190c2a4-0000-7000-8000-000000000000';

  async function footprint() {
    const { rows } = await database.query(`
      SELECT (SELECT count(*) FROM programmes)::int AS programmes,
             (SELECT count(*) FROM milestones)::int AS milestones,
             (SELECT count(*) FROM programme_followers WHERE following)::int AS followers,
             (SELECT count(*) FROM outbox)::int AS outbox,
             (SELECT count(*) FROM audit_log)::int AS audit,
             (SELECT sum(version) FROM programmes)::int AS programme_versions,
             (SELECT sum(version) FROM milestones)::int AS milestone_versions`);
    return { ...rows[0], stream: (await service.events()).length };
  }

  beforeAll(async () => {
    service = await startTestCapacityBuilding('cb_bad_input', async (registry) => {
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
    greenProgramme = (await post('/programmes', unOfficer, programme()).then(expectStatus(201))).body.id as string;
    amberProgramme = (await post('/programmes', unOfficer, { ...programme(), classification: 'amber' }).then(expectStatus(201))).body.id as string;
    milestone = (await post('/milestones', auOfficer, { programmeId: greenProgramme, title: 'Open', dueOn: day(10) }).then(expectStatus(201))).body.id as string;
    completed = (await post('/milestones', auOfficer, { programmeId: greenProgramme, title: 'Done', dueOn: day(10) }).then(expectStatus(201))).body.id as string;
    await post(`/milestones/${completed}/complete`, auOfficer, { completedOn: day(0) }).then(expectStatus(200));
    const written = (await database.query('SELECT count(*)::int AS n FROM outbox')).rows[0].n;
    await eventually(async () => (await service.events()).filter((m) => m.event.source === '/liaison/capacity-building'), written);
  });

  afterAll(async () => {
    await database.end();
    await service.stop();
  });

  const programme = () => ({ title: 'AU capacities', partnerOrganizationId: au.id, scope: 'comprehensive', focusAreas: ['mediation'], startsOn: '2027-01-01', endsOn: '2028-12-31' });
  const without = (field: string) => Object.fromEntries(Object.entries(programme()).filter(([key]) => key !== field));

  type Send = () => Promise<{ status: number; body: Record<string, unknown>; headers: Record<string, string> }>;
  const cases: Array<{ name: string; send: Send; status: number; fields?: string[]; detail?: RegExp }> = [
    { name: 'a programme without title', send: () => post('/programmes', unOfficer, without('title')), status: 400, fields: ['title'] },
    { name: 'a programme without partner', send: () => post('/programmes', unOfficer, without('partnerOrganizationId')), status: 400, fields: ['partnerOrganizationId'] },
    { name: 'a programme without scope', send: () => post('/programmes', unOfficer, without('scope')), status: 400, fields: ['scope'] },
    { name: 'a programme with an unregistered partner', send: () => post('/programmes', unOfficer, { ...programme(), partnerOrganizationId: nobody }), status: 400, fields: ['partnerOrganizationId'] },
    { name: 'a programme with the UN as its partner', send: () => post('/programmes', unOfficer, { ...programme(), partnerOrganizationId: un.id }), status: 400, fields: ['partnerOrganizationId'] },
    { name: 'a programme ending before it starts', send: () => post('/programmes', unOfficer, { ...programme(), startsOn: '2027-06-01', endsOn: '2027-05-31' }), status: 400, fields: ['endsOn'] },
    { name: 'a programme with an unknown focus area', send: () => post('/programmes', unOfficer, { ...programme(), focusAreas: ['mediation', 'space-law'] }), status: 400, fields: ['focusAreas'] },
    { name: 'a programme with an unknown scope', send: () => post('/programmes', unOfficer, { ...programme(), scope: 'regional' }), status: 400, fields: ['scope'] },
    { name: 'a programme launched closed', send: () => post('/programmes', unOfficer, { ...programme(), status: 'closed' }), status: 400, fields: ['status'] },
    { name: 'a programme with a date that is not a day', send: () => post('/programmes', unOfficer, { ...programme(), startsOn: '1 Jan 2027' }), status: 400, fields: ['startsOn'] },
    { name: 'a programme with an unknown field', send: () => post('/programmes', unOfficer, { ...programme(), originOrganizationId: au.id }), status: 400, fields: ['originOrganizationId'] },
    { name: 'a red programme that names no officer', send: () => post('/programmes', unOfficer, { ...programme(), classification: 'red' }), status: 400, fields: ['audience.officers'] },
    { name: 'an EU officer launching an AU programme', send: () => post('/programmes', euOfficer, programme()), status: 403 },
    { name: 'an EU officer changing an AU programme', send: () => patch(`/programmes/${greenProgramme}`, euOfficer, { title: 'Ours now' }), status: 403 },
    // only the origin organization (the launcher's) changes who may see a programme, and with whom
    { name: 'the partner changing the classification of a programme the UN launched', send: () => patch(`/programmes/${greenProgramme}`, auOfficer, { classification: 'amber-strict' }), status: 403, detail: /only the programme's origin organization .* changes its classification, audience or partner/i },
    { name: 'the partner narrowing the audience of an amber programme the UN launched', send: () => patch(`/programmes/${amberProgramme}`, auOfficer, { audience: { organizations: [au.id], officers: [] } }), status: 403, detail: /only the programme's origin organization .* changes its classification, audience or partner/i },
    { name: 'the partner naming another partner', send: () => patch(`/programmes/${greenProgramme}`, auOfficer, { partnerOrganizationId: eu.id }), status: 403, detail: /only the programme's origin organization .* changes its classification, audience or partner/i },
    { name: 'the partner changing the title and the classification at once', send: () => patch(`/programmes/${greenProgramme}`, auOfficer, { title: 'Renamed', classification: 'red' }), status: 403, detail: /only the programme's origin organization .* changes its classification, audience or partner/i },
    { name: 'the origin naming another partner', send: () => patch(`/programmes/${greenProgramme}`, unOfficer, { partnerOrganizationId: eu.id }), status: 400, fields: ['partnerOrganizationId'] },
    { name: 'the origin naming no partner (null)', send: () => patch(`/programmes/${greenProgramme}`, unOfficer, { partnerOrganizationId: null }), status: 400, fields: ['partnerOrganizationId'] },
    { name: 'a change ending a programme before it starts', send: () => patch(`/programmes/${greenProgramme}`, unOfficer, { endsOn: '2026-12-31' }), status: 400, fields: ['endsOn'] },
    { name: 'an EU officer changing an amber programme it may not see', send: () => patch(`/programmes/${amberProgramme}`, euOfficer, { title: 'x' }), status: 404 },
    { name: 'an EU officer following an amber programme it may not see', send: () => post(`/programmes/${amberProgramme}/follow`, euOfficer, {}), status: 404 },
    { name: 'a milestone without due date', send: () => post('/milestones', auOfficer, { programmeId: greenProgramme, title: 'x' }), status: 400, fields: ['dueOn'] },
    { name: 'a milestone without title', send: () => post('/milestones', auOfficer, { programmeId: greenProgramme, dueOn: day(5) }), status: 400, fields: ['title'] },
    { name: 'a milestone due on no real day', send: () => post('/milestones', auOfficer, { programmeId: greenProgramme, title: 'x', dueOn: '2027-02-30' }), status: 400, fields: ['dueOn'] },
    { name: 'a milestone of an unknown programme', send: () => post('/milestones', auOfficer, { programmeId: nobody, title: 'x', dueOn: day(5) }), status: 400, fields: ['programmeId'] },
    { name: 'a milestone of a programme the caller may not see', send: () => post('/milestones', euOfficer, { programmeId: amberProgramme, title: 'x', dueOn: day(5) }), status: 400, fields: ['programmeId'] },
    { name: 'an EU officer planning a milestone of an AU programme', send: () => post('/milestones', euOfficer, { programmeId: greenProgramme, title: 'x', dueOn: day(5) }), status: 403 },
    { name: 'an EU officer completing an AU milestone', send: () => post(`/milestones/${milestone}/complete`, euOfficer, { completedOn: day(0) }), status: 403 },
    { name: 'an EU officer rescheduling an AU milestone', send: () => patch(`/milestones/${milestone}`, euOfficer, { dueOn: day(20) }), status: 403 },
    { name: 'completing a milestone twice', send: () => post(`/milestones/${completed}/complete`, unOfficer, { completedOn: day(0) }), status: 409 },
    { name: 'rescheduling a completed milestone', send: () => patch(`/milestones/${completed}`, unOfficer, { dueOn: day(20) }), status: 409 },
    { name: 'a completion without its date', send: () => post(`/milestones/${milestone}/complete`, auOfficer, { note: 'done' }), status: 400, fields: ['completedOn'] },
    { name: 'a completion in the future', send: () => post(`/milestones/${milestone}/complete`, auOfficer, { completedOn: day(3) }), status: 400, fields: ['completedOn'] },
    { name: 'a completion of an unknown milestone', send: () => post(`/milestones/${nobody}/complete`, auOfficer, { completedOn: day(0) }), status: 404 },
    { name: 'a list by an unknown focus area', send: () => get('/programmes?focusArea=space-law', auOfficer), status: 400, fields: ['focusArea'] },
    { name: 'a list by an unknown status', send: () => get('/milestones?status=late', auOfficer), status: 400, fields: ['status'] },
    { name: 'a list with a cursor this service never gave', send: () => get('/programmes?cursor=bm90LWEtY3Vyc29y', auOfficer), status: 400, fields: ['cursor'] },
    // the registry, not the token alone, says who the caller is (JwtAuthGuard's standing check)
    { name: 'an officer the registry does not know', send: async () => post('/programmes', await tokenFor(uuidv7(), au.id), programme()), status: 401 },
    { name: 'no token', send: () => post('/programmes', undefined, programme()), status: 401 },
    { name: 'a bad id in the path', send: () => post('/milestones/not-a-uuid/complete', auOfficer, { completedOn: day(0) }), status: 400, fields: ['id'] },
  ];

  it.each(cases)('refuses $name with $status and problem details, writing nothing', async ({ send, status, fields, detail }) => {
    const before = await footprint();
    const response = await send();
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status, title: expect.any(String), type: expect.any(String), detail: expect.any(String) });
    if (detail) expect(response.body.detail).toMatch(detail);
    if (fields) {
      const named = (response.body.errors as Array<{ field: string }>).map((e) => e.field);
      expect(named).toEqual(expect.arrayContaining(fields));
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await footprint()).toEqual(before);
  });

  it('the partner still changes what the contract lets it (title, focus areas) and plans milestones, with the origin\'s reach unchanged', async () => {
    const { body } = await service.http.patch(`/api/v1/programmes/${greenProgramme}`).set(auth(auOfficer)).send({ title: 'AU capacities, phase II', focusAreas: ['mediation', 'conflict-prevention'] }).expect(200);
    expect(body).toMatchObject({ title: 'AU capacities, phase II', classification: 'green', partnerOrganizationId: au.id, originOrganizationId: un.id });
    // the origin may name the partner it has (nothing changes)
    await service.http.patch(`/api/v1/programmes/${greenProgramme}`).set(auth(unOfficer)).send({ partnerOrganizationId: au.id }).expect(200);
    await service.http.post('/api/v1/milestones').set(auth(auOfficer)).send({ programmeId: greenProgramme, title: 'Phase II plan', dueOn: day(30) }).expect(201);
    const reclassified = (await service.events()).filter((m) => m.event.type === 'liaison.programme.reclassified.v1' && m.event.subject === greenProgramme);
    expect(reclassified).toEqual([]);
  });

  it('Idempotency-Key: a repeated plan returns the first milestone and writes nothing; another body is a 409', async () => {
    const key = `key-${uuidv7()}`;
    const body = { programmeId: greenProgramme, title: 'Once', dueOn: day(15) };
    const first = await service.http.post('/api/v1/milestones').set(auth(auOfficer)).set('Idempotency-Key', key).send(body).expect(201);
    const before = await footprint();
    const again = await service.http.post('/api/v1/milestones').set(auth(auOfficer)).set('Idempotency-Key', key).send(body).expect(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers['idempotent-replayed']).toBe('true');
    await service.http.post('/api/v1/milestones').set(auth(auOfficer)).set('Idempotency-Key', key).send({ ...body, title: 'Twice' }).expect(409);
    expect(await footprint()).toEqual(before);
  });

  it('a completion may bear today where the day is furthest ahead (UTC+14), not the day after: 400 naming completedOn', async () => {
    const datelineToday = new Date(Date.now() + 14 * 3_600_000).toISOString().slice(0, 10);
    const dayAfter = new Date(Date.now() + 38 * 3_600_000).toISOString().slice(0, 10);
    const pacific = (await post('/milestones', auOfficer, { programmeId: greenProgramme, title: 'Pacific workshop', dueOn: day(10) }).then(expectStatus(201))).body.id as string;
    const refused = await post(`/milestones/${pacific}/complete`, auOfficer, { completedOn: dayAfter }).then(expectStatus(400));
    expect(refused.body).toMatchObject({ errors: [{ field: 'completedOn', code: 'notInFuture', params: { max: datelineToday } }] });
    const { body } = await post(`/milestones/${pacific}/complete`, auOfficer, { completedOn: datelineToday }).then(expectStatus(200));
    expect(body).toMatchObject({ status: 'completed', completedOn: datelineToday });
  });

  function expectStatus(status: number) {
    return (response: { status: number; body: Record<string, unknown> }) => {
      if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
      return response;
    };
  }

  function get(path: string, who: Officer) {
    return service.http.get(`/api/v1${path}`).set(auth(who)) as never as ReturnType<Send>;
  }

  function post(path: string, who: Officer | string | undefined, body: unknown) {
    const call = service.http.post(`/api/v1${path}`);
    if (who) call.set(auth(who));
    return call.send(body as object) as never as ReturnType<Send>;
  }

  function patch(path: string, who: Officer, body: unknown) {
    return service.http.patch(`/api/v1${path}`).set(auth(who)).send(body as object) as never as ReturnType<Send>;
  }
});
