import { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { auth, type Officer, type Organization, type RunningTraining, settled, startTestTraining, tokenFor } from './harness';

// Real: Postgres and NATS of this file's own. Every refused write gets its status and problem
// details (naming the field for bad input) and leaves nothing behind: no row, no outbox row, no
// audit entry, no event on the stream.
describe('bad input and forbidden writes', () => {
  let service: RunningTraining;
  let database: Client;
  let un: Organization, au: Organization, ecowas: Organization, eu: Organization;
  let unOfficer: Officer, auOfficer: Officer, ecowasOfficer: Officer, ecowasAdmin: Officer, euOfficer: Officer, auColleague: Officer;
  let course: string, open: string, full: string, cancelled: string, past: string, enrolment: string, begun: string;
  const nobody = '0190c2a4-0000-7000-8000-000000000000';
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

  async function footprint() {
    const { rows } = await database.query(`
      SELECT (SELECT count(*) FROM courses)::int AS courses,
             (SELECT count(*) FROM sessions)::int AS sessions,
             (SELECT count(*) FROM enrolments)::int AS enrolments,
             (SELECT count(*) FROM certificates)::int AS certificates,
             (SELECT count(*) FROM outbox)::int AS outbox,
             (SELECT count(*) FROM audit_log)::int AS audit,
             (SELECT sum(version) FROM sessions)::int AS session_versions,
             (SELECT sum(version) FROM enrolments)::int AS enrolment_versions`);
    return { ...rows[0], stream: (await service.events()).length };
  }

  beforeAll(async () => {
    service = await startTestTraining('training_bad_input', async (registry) => {
      un = await registry.organization('UN', 'united-nations', 'global');
      au = await registry.organization('AU');
      ecowas = await registry.organization('ECOWAS', 'subregional');
      eu = await registry.organization('EU', 'regional', 'europe');
      unOfficer = await registry.officer(un);
      auOfficer = await registry.officer(au);
      auColleague = await registry.officer(au);
      ecowasOfficer = await registry.officer(ecowas);
      ecowasAdmin = await registry.officer(ecowas, { roles: ['officer', 'admin'] });
      euOfficer = await registry.officer(eu);
    });
    await service.known([un.id, au.id, ecowas.id, eu.id], [unOfficer.id, auOfficer.id, auColleague.id, ecowasOfficer.id, ecowasAdmin.id, euOfficer.id]);
    database = new Client({ connectionString: service.databaseUrl });
    await database.connect();
    const session = (body: object) => service.http.post('/api/v1/sessions').set(auth(unOfficer)).send({ courseId: course, startsAt: inDays(10), endsAt: inDays(11), seats: 5, ...body }).expect(201);
    course = (await service.http.post('/api/v1/courses').set(auth(unOfficer)).send({ title: 'Mediation', topic: 'mediation' }).expect(201)).body.id;
    // UN organizes; AU and ECOWAS may enrol, the EU may not
    open = (await session({ audience: { organizations: [au.id, ecowas.id] } })).body.id;
    full = (await session({ seats: 1 })).body.id;
    cancelled = (await session({})).body.id;
    // starts in a few seconds: one enrolment in it now, then it has begun
    const pastStartsAt = Date.now() + 4000;
    past = (await session({ startsAt: new Date(pastStartsAt).toISOString() })).body.id;
    begun = (await service.http.post('/api/v1/enrolments').set(auth(ecowasOfficer)).send({ sessionId: past }).expect(201)).body.id;
    enrolment = (await service.http.post('/api/v1/enrolments').set(auth(auOfficer)).send({ sessionId: open }).expect(201)).body.id;
    await service.http.post('/api/v1/enrolments').set(auth(auOfficer)).send({ sessionId: full }).expect(201);
    await service.http.post('/api/v1/enrolments').set(auth(auColleague)).send({ sessionId: open }).expect(201);
    await service.http.post(`/api/v1/sessions/${cancelled}/cancel`).set(auth(unOfficer)).send({}).expect(200);
    // every event written so far is on the stream, and the short session has started
    const written = (await database.query('SELECT count(*)::int AS n FROM outbox')).rows[0].n;
    await settled(async () => expect((await service.events()).filter((m) => m.event.source === '/liaison/training')).toHaveLength(written));
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, pastStartsAt - Date.now() + 100)));
  });

  afterAll(async () => {
    await database?.end();
    await service?.stop();
  });

  const schedule = () => ({ courseId: course, startsAt: inDays(20), endsAt: inDays(21), seats: 10 });

  type Send = () => Promise<{ status: number; body: Record<string, unknown>; headers: Record<string, string> }>;
  // `code` is the problem's, `reasons` the field errors' codes and params a client words by (libs/http/README.md)
  type Reason = { field: string; code: string; params?: Record<string, unknown> };
  const cases: Array<{ name: string; send: Send; status: number; fields?: string[]; code?: string; reasons?: Reason[] }> = [
    { name: 'a session without seats', send: () => post('/sessions', unOfficer, { ...schedule(), seats: undefined }), status: 400, fields: ['seats'] },
    { name: 'a session with no seats', send: () => post('/sessions', unOfficer, { ...schedule(), seats: 0 }), status: 400, fields: ['seats'] },
    { name: 'a session ending before it starts', send: () => post('/sessions', unOfficer, { ...schedule(), endsAt: inDays(19) }), status: 400, fields: ['endsAt'] },
    { name: 'a session starting in the past', send: () => post('/sessions', unOfficer, { ...schedule(), startsAt: inDays(-2), endsAt: inDays(-1) }), status: 400, fields: ['startsAt'] },
    { name: 'a start time without offset', send: () => post('/sessions', unOfficer, { ...schedule(), startsAt: '2027-03-01T09:00:00' }), status: 400, fields: ['startsAt'] },
    // 9999-12-31 at -12:00 is the year 10000 in UTC, which the service would write back as `+010000-…`: a time its own event contract refuses
    { name: 'an end time past the year 9999 in UTC', send: () => post('/sessions', unOfficer, { ...schedule(), endsAt: '9999-12-31T23:00:00-12:00' }), status: 400, fields: ['endsAt'] },
    { name: 'a reschedule past the year 9999 in UTC', send: () => patch(`/sessions/${open}`, unOfficer, { endsAt: '9999-12-31T23:00:00-12:00' }), status: 400, fields: ['endsAt'] },
    { name: 'a reschedule naming no seats (null)', send: () => patch(`/sessions/${open}`, unOfficer, { seats: null }), status: 400, fields: ['seats'] },
    { name: 'a session whose audience organizations are null', send: () => post('/sessions', unOfficer, { ...schedule(), audience: { organizations: null } }), status: 400, fields: ['audience.organizations'] },
    { name: 'a session of an unknown course', send: () => post('/sessions', unOfficer, { ...schedule(), courseId: nobody }), status: 400, fields: ['courseId'] },
    { name: 'a session with an unregistered organizer', send: () => post('/sessions', unOfficer, { ...schedule(), organizers: [un.id, nobody] }), status: 400, fields: ['organizers'] },
    { name: 'a session for an unregistered organization', send: () => post('/sessions', unOfficer, { ...schedule(), audience: { organizations: [nobody] } }), status: 400, fields: ['audience.organizations'] },
    { name: 'a session audience of officers', send: () => post('/sessions', unOfficer, { ...schedule(), audience: { officers: [auOfficer.id] } }), status: 400, fields: ['audience.officers'] },
    { name: 'a session the caller does not organize', send: () => post('/sessions', auOfficer, { ...schedule(), organizers: [un.id] }), status: 403 },
    { name: 'a course on an unknown topic', send: () => post('/courses', unOfficer, { title: 'x', topic: 'cooking' }), status: 400, fields: ['topic'], code: 'invalid-input', reasons: [{ field: 'topic', code: 'isIn', params: { values: expect.arrayContaining(['mediation']) } }] },
    { name: 'a course with an unknown field', send: () => post('/courses', unOfficer, { title: 'x', topic: 'mediation', seats: 3 }), status: 400, fields: ['seats'] },
    { name: 'a reschedule by a non-organizer', send: () => patch(`/sessions/${open}`, auOfficer, { seats: 50 }), status: 403, code: 'not-organizer' },
    { name: 'a reschedule ending before it starts', send: () => patch(`/sessions/${open}`, unOfficer, { endsAt: inDays(9) }), status: 400, fields: ['endsAt'] },
    { name: 'a session changed to no seats', send: () => patch(`/sessions/${open}`, unOfficer, { seats: 0 }), status: 400, reasons: [{ field: 'seats', code: 'min', params: { min: 1 } }] },
    { name: 'fewer seats than confirmed enrolments', send: () => patch(`/sessions/${open}`, unOfficer, { seats: 1 }), status: 409, code: 'seats-taken', reasons: [{ field: 'seats', code: 'min', params: { min: 2 } }] },
    { name: 'a reschedule of a cancelled session', send: () => patch(`/sessions/${cancelled}`, unOfficer, { seats: 9 }), status: 409 },
    { name: 'a cancellation by a non-organizer', send: () => post(`/sessions/${open}/cancel`, auOfficer, {}), status: 403 },
    { name: 'a cancellation of a session the caller may not see', send: () => post(`/sessions/${open}/cancel`, euOfficer, {}), status: 404 },
    { name: 'enrolling twice', send: () => post('/enrolments', auOfficer, { sessionId: open }), status: 409, code: 'already-enrolled', reasons: [{ field: 'officerId', code: 'alreadyEnrolled' }] },
    { name: 'enrolling twice while waitlisted or confirmed elsewhere', send: () => post('/enrolments', auOfficer, { sessionId: full }), status: 409 },
    { name: 'enrolling in a cancelled session', send: () => post('/enrolments', auOfficer, { sessionId: cancelled }), status: 409 },
    { name: 'enrolling in a past session', send: () => post('/enrolments', auOfficer, { sessionId: past }), status: 409 },
    { name: 'an officer outside the audience', send: () => post('/enrolments', euOfficer, { sessionId: open }), status: 404 },
    { name: 'enrolling in an unknown session', send: () => post('/enrolments', auOfficer, { sessionId: nobody }), status: 404 },
    { name: 'enrolling a colleague without being an admin', send: () => post('/enrolments', auColleague, { sessionId: open, officerId: auOfficer.id }), status: 403 },
    { name: 'an admin enrolling an officer of another organization', send: () => post('/enrolments', ecowasAdmin, { sessionId: open, officerId: auColleague.id }), status: 403 },
    { name: 'enrolling an unknown officer', send: () => post('/enrolments', ecowasAdmin, { sessionId: open, officerId: nobody }), status: 400, fields: ['officerId'] },
    { name: 'an enrolment without a session', send: () => post('/enrolments', auOfficer, {}), status: 400, fields: ['sessionId'] },
    { name: 'attendance by the enrolled officer', send: () => post(`/enrolments/${enrolment}/attendance`, auOfficer, { attended: true }), status: 403 },
    { name: 'attendance that is not a boolean', send: () => post(`/enrolments/${enrolment}/attendance`, unOfficer, { attended: 'yes' }), status: 400, fields: ['attended'] },
    { name: 'completion by the enrolled officer', send: () => post(`/enrolments/${enrolment}/complete`, auOfficer, {}), status: 403 },
    { name: 'attendance before the session starts', send: () => post(`/enrolments/${enrolment}/attendance`, unOfficer, { attended: true }), status: 409, code: 'session-not-started' },
    { name: 'completion before the session starts', send: () => post(`/enrolments/${enrolment}/complete`, unOfficer, {}), status: 409, code: 'session-not-started' },
    { name: 'completion without attendance', send: () => post(`/enrolments/${begun}/complete`, unOfficer, {}), status: 409, code: 'attendance-not-recorded' },
    { name: 'a withdrawal by another officer', send: () => post(`/enrolments/${enrolment}/withdraw`, ecowasOfficer, {}), status: 404 },
    { name: 'a revocation of an unknown certificate', send: () => post(`/certificates/${nobody}/revoke`, unOfficer, { reason: 'x' }), status: 404 },
    { name: 'a revocation without a reason', send: () => post(`/certificates/${nobody}/revoke`, unOfficer, {}), status: 400, fields: ['reason'] },
    // the registry, not the token alone, says who the caller is (JwtAuthGuard's standing check)
    { name: 'an officer the registry does not know', send: async () => post('/courses', await tokenFor(uuidv7(), un.id), { title: 'x', topic: 'mediation' }), status: 401 },
    { name: 'no token', send: () => post('/enrolments', undefined, { sessionId: open }), status: 401 },
    { name: 'a bad id in the path', send: () => post('/enrolments/not-a-uuid/withdraw', auOfficer, {}), status: 400, fields: ['id'] },
  ];

  it.each(cases)('refuses $name with $status and problem details, writing nothing', async ({ send, status, fields, code, reasons }) => {
    const before = await footprint();
    const response = await send();
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status, title: expect.any(String), type: expect.any(String), detail: expect.any(String) });
    if (fields) {
      const named = (response.body.errors as Array<{ field: string }>).map((e) => e.field);
      expect(named).toEqual(expect.arrayContaining(fields));
    }
    if (code) expect(response.body.code).toBe(code);
    if (reasons) expect(response.body.errors).toEqual(reasons.map(({ field, code: reason, params }) => ({ field, message: expect.any(String), code: reason, ...(params ? { params } : {}) })));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await footprint()).toEqual(before);
  });

  it('Idempotency-Key: a repeated enrolment returns the first result and writes nothing', async () => {
    const key = `key-${uuidv7()}`;
    const first = await service.http.post('/api/v1/enrolments').set(auth(ecowasOfficer)).set('Idempotency-Key', key).send({ sessionId: open }).expect(201);
    const before = await footprint();
    const again = await service.http.post('/api/v1/enrolments').set(auth(ecowasOfficer)).set('Idempotency-Key', key).send({ sessionId: open }).expect(201);
    expect(again.body.id).toBe(first.body.id);
    expect(await footprint()).toEqual(before);
  });

  function post(path: string, who: Officer | string | undefined, body: unknown) {
    const call = service.http.post(`/api/v1${path}`);
    if (who) call.set(auth(who));
    return call.send(body as object) as never as ReturnType<Send>;
  }

  function patch(path: string, who: Officer, body: unknown) {
    return service.http.patch(`/api/v1${path}`).set(auth(who)).send(body as object) as never as ReturnType<Send>;
  }
});
