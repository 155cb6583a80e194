import { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { latestToday } from '@liaison/contracts';
import { auth, eventually, Officer, Organization, RunningDialogues, startTestDialogues, tokenFor } from './harness';

// Real: Postgres and NATS of this file's own. Every refused write gets its status and problem
// details naming the field, and leaves nothing behind: no row, no outbox row, no audit entry,
// no event on the stream.
describe('bad input and forbidden writes', () => {
  let service: RunningDialogues;
  let database: Client;
  let un: Organization, osce: Organization, eu: Organization, au: Organization;
  let unOfficer: Officer, osceOfficer: Officer, euOfficer: Officer, auOfficer: Officer;
  let meeting: string, recommendation: string, hidden: string, initiative: string, upcoming: string;
  const nobody = '0190c2a4-0000-7000-8000-000000000000';

  async function footprint() {
    const { rows } = await database.query(`
      SELECT (SELECT count(*) FROM dialogues)::int AS dialogues,
             (SELECT count(*) FROM recommendations)::int AS recommendations,
             (SELECT count(*) FROM recommendation_status_changes)::int AS steps,
             (SELECT count(*) FROM briefs)::int AS briefs,
             (SELECT count(*) FROM initiatives)::int AS initiatives,
             (SELECT count(*) FROM outbox)::int AS outbox,
             (SELECT count(*) FROM audit_log)::int AS audit,
             (SELECT max(version) FROM dialogues)::int AS dialogue_versions,
             (SELECT max(version) FROM initiatives)::int AS initiative_versions`);
    return { ...rows[0], stream: (await service.events()).length };
  }

  beforeAll(async () => {
    service = await startTestDialogues('bad_input', async (registry) => {
      un = await registry.organization('UN', 'united-nations', 'global');
      osce = await registry.organization('OSCE', 'regional', 'europe');
      eu = await registry.organization('EU', 'regional', 'europe');
      au = await registry.organization('AU');
      unOfficer = await registry.officer(un);
      osceOfficer = await registry.officer(osce);
      euOfficer = await registry.officer(eu);
      auOfficer = await registry.officer(au);
    });
    await service.known([un.id, osce.id, eu.id, au.id], [unOfficer.id, osceOfficer.id, euOfficer.id, auOfficer.id]);
    database = new Client({ connectionString: service.databaseUrl });
    await database.connect();
    meeting = (await service.http.post('/api/v1/dialogues').set(auth(unOfficer)).send({ kind: 'staff-level', title: 'UN–OSCE', participants: [un.id, osce.id], startsAt: '2026-11-03T09:00:00+01:00' }).expect(201)).body.id;
    recommendation = (await service.http.post('/api/v1/recommendations').set(auth(unOfficer)).send({ dialogueId: meeting, text: 'UN does it', owners: [un.id] }).expect(201)).body.id;
    hidden = (await service.http.post('/api/v1/dialogues').set(auth(auOfficer)).send({ kind: 'retreat', title: 'AU only', participants: [au.id], startsAt: '2026-11-03T09:00:00Z', classification: 'amber-strict' }).expect(201)).body.id;
    upcoming = (await service.http.post('/api/v1/dialogues').set(auth(unOfficer)).send({ kind: 'consultation', title: 'UN–OSCE next month', participants: [un.id, osce.id], startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString() }).expect(201)).body.id;
    initiative = (await service.http.post('/api/v1/initiatives').set(auth(auOfficer)).send({ title: 'AU mediation', leadOrganizationId: au.id, supporting: [un.id] }).expect(201)).body.id;
    const written = (await database.query('SELECT count(*)::int AS n FROM outbox')).rows[0].n;
    await eventually(async () => (await service.events()).filter((m) => m.event.source === '/liaison/dialogues'), written);
  });

  afterAll(async () => {
    await database.end();
    await service.stop();
  });

  const brief = { title: 'Sudan', body: 'Text', classification: 'green' };
  const dialogue = () => ({ kind: 'consultation', title: 'C', participants: [un.id, eu.id], startsAt: '2026-12-01T10:00:00Z' });

  type Send = () => Promise<{ status: number; body: Record<string, unknown>; headers: Record<string, string> }>;
  // the day after today on the date line (UTC+14): the first day no participant anywhere has reached
  const beyondToday = () => new Date(Date.parse(`${latestToday()}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const cases: Array<{ name: string; send: Send; status: number; fields?: string[]; code?: string; params?: () => Record<string, string> }> = [
    { name: 'an amber brief that names no organization', send: () => post('/briefs', unOfficer, { ...brief, classification: 'amber', audience: { officers: [euOfficer.id] } }), status: 400, fields: ['audience.organizations'] },
    { name: 'a red brief that names no officer', send: () => post('/briefs', unOfficer, { ...brief, classification: 'red', audience: { organizations: [au.id] } }), status: 400, fields: ['audience.officers'] },
    { name: 'a brief without classification', send: () => post('/briefs', unOfficer, { title: 'x', body: 'y' }), status: 400, fields: ['classification'] },
    { name: 'a brief with an unknown field', send: () => post('/briefs', unOfficer, { ...brief, originOrganizationId: au.id }), status: 400, fields: ['originOrganizationId'] },
    // names Object.prototype also holds (constructor, toString…) are unknown fields like any other
    { name: 'a brief with an unknown field named like a built-in', send: () => post('/briefs', unOfficer, { ...brief, constructor: 'x', toString: 'y' }), status: 400, fields: ['constructor', 'toString'] },
    { name: 'a dialogue whose audience has an unknown field named like a built-in', send: () => post('/dialogues', unOfficer, { ...dialogue(), audience: { organizations: [eu.id], valueOf: 1 } }), status: 400, fields: ['audience.valueOf'] },
    { name: 'a list with an unknown query parameter named like a built-in', send: () => service.http.get('/api/v1/briefs').query({ hasOwnProperty: '1' }).set(auth(unOfficer)) as never, status: 400, fields: ['hasOwnProperty'] },
    { name: 'a brief in a language outside the six', send: () => post('/briefs', unOfficer, { ...brief, language: 'de' }), status: 400, fields: ['language'] },
    { name: 'a brief with a lower-case country', send: () => post('/briefs', unOfficer, { ...brief, countries: ['sd'] }), status: 400, fields: ['countries'] },
    { name: 'an amber brief for an unregistered organization', send: () => post('/briefs', unOfficer, { ...brief, classification: 'amber', audience: { organizations: [nobody] } }), status: 400, fields: ['audience.organizations'] },
    { name: 'a red brief for an unknown officer', send: () => post('/briefs', unOfficer, { ...brief, classification: 'red', audience: { officers: [nobody] } }), status: 400, fields: ['audience.officers'] },
    { name: 'a brief for a dialogue the caller may not see', send: () => post('/briefs', unOfficer, { ...brief, dialogueId: hidden }), status: 400, fields: ['dialogueId'] },
    { name: 'a dialogue with an unregistered participant', send: () => post('/dialogues', unOfficer, { ...dialogue(), participants: [un.id, nobody] }), status: 400, fields: ['participants'] },
    { name: 'a dialogue with an unregistered convenor', send: () => post('/dialogues', unOfficer, { ...dialogue(), convenorOrganizationId: nobody }), status: 400, fields: ['convenorOrganizationId'] },
    { name: 'a dialogue the caller\'s organization neither convenes nor attends', send: () => post('/dialogues', auOfficer, { ...dialogue(), convenorOrganizationId: un.id }), status: 403 },
    { name: 'a dialogue of an unknown kind', send: () => post('/dialogues', unOfficer, { ...dialogue(), kind: 'summit' }), status: 400, fields: ['kind'] },
    { name: 'a dialogue without participants', send: () => post('/dialogues', unOfficer, { ...dialogue(), participants: [] }), status: 400, fields: ['participants'] },
    { name: 'a dialogue ending before it starts', send: () => post('/dialogues', unOfficer, { ...dialogue(), endsAt: '2026-11-30T10:00:00Z' }), status: 400, fields: ['endsAt'] },
    { name: 'a start time without offset', send: () => post('/dialogues', unOfficer, { ...dialogue(), startsAt: '2026-12-01T10:00:00' }), status: 400, fields: ['startsAt'] },
    // 9999-12-31 at -12:00 is the year 10000 in UTC, which the service would write back as `+010000-…`: a time its own event contract refuses
    { name: 'a start time past the year 9999 in UTC', send: () => post('/dialogues', unOfficer, { ...dialogue(), startsAt: '9999-12-31T23:00:00-12:00' }), status: 400, fields: ['startsAt'] },
    { name: 'an amber-strict dialogue as the previous of a series', send: () => post('/dialogues', unOfficer, { ...dialogue(), previousDialogueId: hidden }), status: 400, fields: ['previousDialogueId'] },
    { name: 'an outcome with a bad date', send: () => post(`/dialogues/${meeting}/outcome`, unOfficer, { summary: 'x', heldOn: '3 Nov 2026' }), status: 400, fields: ['heldOn'] },
    { name: 'an outcome dated after today on the date line', send: () => post(`/dialogues/${meeting}/outcome`, unOfficer, { summary: 'x', heldOn: beyondToday() }), status: 400, fields: ['heldOn'], code: 'notInFuture', params: () => ({ max: latestToday() }) },
    { name: 'an outcome dated in the year 2999', send: () => post(`/dialogues/${meeting}/outcome`, unOfficer, { summary: 'x', heldOn: '2999-11-03' }), status: 400, fields: ['heldOn'], code: 'notInFuture', params: () => ({ max: latestToday() }) },
    // it starts 2026-11-03 at 08:00 UTC: 2026-11-02 at UTC-12, the earliest day a participant's calendar shows it
    { name: 'an outcome dated before the dialogue starts anywhere', send: () => post(`/dialogues/${meeting}/outcome`, unOfficer, { summary: 'x', heldOn: '2026-11-01' }), status: 400, fields: ['heldOn'], code: 'notBeforeStart', params: () => ({ min: '2026-11-02' }) },
    { name: 'an outcome dated years before the dialogue', send: () => post(`/dialogues/${meeting}/outcome`, unOfficer, { summary: 'x', heldOn: '2019-11-03' }), status: 400, fields: ['heldOn'], code: 'notBeforeStart', params: () => ({ min: '2026-11-02' }) },
    // recording an outcome says it was held: not of a dialogue still to come, whatever day it names
    { name: 'an outcome of a dialogue that has not started', send: () => post(`/dialogues/${upcoming}/outcome`, unOfficer, { summary: 'x', heldOn: new Date().toISOString().slice(0, 10) }), status: 409, code: 'dialogue-not-started' },
    { name: 'an outcome recorded by a non-participant', send: () => post(`/dialogues/${meeting}/outcome`, euOfficer, { summary: 'x', heldOn: '2026-11-03' }), status: 403 },
    { name: 'a cancellation by a non-participant', send: () => post(`/dialogues/${meeting}/cancel`, auOfficer, {}), status: 403 },
    { name: 'a reschedule by a non-participant', send: () => patch(`/dialogues/${meeting}`, euOfficer, { location: 'Geneva' }), status: 403 },
    { name: 'a participant rescheduling its own organization out', send: () => patch(`/dialogues/${meeting}`, osceOfficer, { participants: [un.id] }), status: 403 },
    { name: 'a cancellation of a dialogue the caller may not see', send: () => post(`/dialogues/${hidden}/cancel`, unOfficer, {}), status: 404 },
    { name: 'a recommendation by a non-participant', send: () => post('/recommendations', euOfficer, { dialogueId: meeting, text: 'x' }), status: 403 },
    { name: 'a recommendation with an unregistered owner', send: () => post('/recommendations', unOfficer, { dialogueId: meeting, text: 'x', owners: [nobody] }), status: 400, fields: ['owners'] },
    { name: 'a recommendation of an unknown dialogue', send: () => post('/recommendations', unOfficer, { dialogueId: nobody, text: 'x' }), status: 400, fields: ['dialogueId'] },
    { name: 'a recommendation adopted as implemented', send: () => post('/recommendations', unOfficer, { dialogueId: meeting, text: 'x', status: 'implemented' }), status: 400, fields: ['status'] },
    { name: 'a status change by a participant that neither owns nor convenes', send: () => post(`/recommendations/${recommendation}/status`, osceOfficer, { status: 'agreed' }), status: 403 },
    { name: 'a status change by an outsider', send: () => post(`/recommendations/${recommendation}/status`, euOfficer, { status: 'agreed' }), status: 403 },
    { name: 'a status outside the vocabulary', send: () => post(`/recommendations/${recommendation}/status`, unOfficer, { status: 'done' }), status: 400, fields: ['status'] },
    { name: 'a status change to the same status', send: () => post(`/recommendations/${recommendation}/status`, unOfficer, { status: 'proposed' }), status: 409 },
    { name: 'an initiative led by another organization than the caller\'s', send: () => post('/initiatives', unOfficer, { title: 'x', leadOrganizationId: au.id }), status: 403 },
    { name: 'an initiative with an unregistered supporter', send: () => post('/initiatives', auOfficer, { title: 'x', leadOrganizationId: au.id, supporting: [nobody] }), status: 400, fields: ['supporting'] },
    { name: 'a supporting organization editing an initiative', send: () => patch(`/initiatives/${initiative}`, unOfficer, { status: 'concluded' }), status: 403 },
    // the registry, not the token alone, says who the caller is (JwtAuthGuard's standing check)
    { name: 'an officer the registry does not know', send: async () => post('/briefs', await tokenFor(uuidv7(), un.id), brief), status: 401 },
    { name: 'a token naming another organization than the registry', send: async () => post('/briefs', await tokenFor(unOfficer.id, au.id), brief), status: 401 },
    { name: 'a token naming a role the registry does not grant', send: async () => post('/briefs', await tokenFor(unOfficer.id, un.id, ['officer', 'admin']), brief), status: 401 },
    { name: 'no token', send: () => post('/briefs', undefined, brief), status: 401 },
    { name: 'a token signed with another secret', send: async () => post('/briefs', await tokenFor(unOfficer.id, un.id, ['officer'], 'another-secret-another-secret-another'), brief), status: 401 },
    { name: 'a bad id in the path', send: () => post('/briefs/not-a-uuid/withdraw', unOfficer, {}), status: 400, fields: ['id'] },
    { name: 'a brief whose title holds a NUL character', send: () => post('/briefs', unOfficer, { ...brief, title: 'Sudan\u0000' }), status: 400, fields: ['title'] },
    { name: 'a brief whose audience holds a NUL character', send: () => post('/briefs', unOfficer, { ...brief, classification: 'amber', audience: { organizations: [au.id, 'x\u0000'] } }), status: 400, fields: ['audience.organizations.1'] },
    { name: 'a search with a NUL character', send: () => service.http.get('/api/v1/briefs').query({ q: 'a\u0000b' }).set(auth(unOfficer)) as never, status: 400, fields: ['q'] },
    // null skipped every rule (@IsOptional) and was silently ignored: only a field the contract declares nullable takes it
    { name: 'a reschedule naming no start (null)', send: () => patch(`/dialogues/${meeting}`, unOfficer, { startsAt: null }), status: 400, fields: ['startsAt'] },
    { name: 'a reschedule naming no title (null)', send: () => patch(`/dialogues/${meeting}`, unOfficer, { title: null, location: 'Geneva' }), status: 400, fields: ['title'] },
    { name: 'a brief whose audience organizations are null', send: () => post('/briefs', unOfficer, { ...brief, audience: { organizations: null } }), status: 400, fields: ['audience.organizations'] },
    { name: 'a body that is not JSON', send: () => service.http.post('/api/v1/briefs').set(auth(unOfficer)).set('Content-Type', 'application/json').send('{"title":') as never, status: 400 },
  ];

  it.each(cases)('refuses $name with $status and problem details, writing nothing', async ({ send, status, fields, code, params }) => {
    const before = await footprint();
    const response = await send();
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status, title: expect.any(String), type: expect.any(String), detail: expect.any(String) });
    if (fields) {
      const named = (response.body.errors as Array<{ field: string }>).map((e) => e.field);
      expect(named).toEqual(expect.arrayContaining(fields));
    }
    if (code && fields) expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: fields[0], code, ...(params ? { params: params() } : {}) })]));
    if (code && !fields) expect(response.body.code).toBe(code);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await footprint()).toEqual(before);
  });

  it('a dialogue\'s end time is the one field a change may clear with null (the contract says it is nullable)', async () => {
    const ended = await patch(`/dialogues/${meeting}`, unOfficer, { endsAt: '2026-11-03T17:00:00+01:00' });
    expect(ended.status).toBe(200);
    const cleared = await patch(`/dialogues/${meeting}`, unOfficer, { endsAt: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body.endsAt).toBeNull();
  });

  it("an outcome may bear the dialogue's first day at UTC-12, or today on the date line: each participant dates it by their own calendar", async () => {
    const justStarted = await post('/dialogues', unOfficer, { ...dialogue(), startsAt: new Date(Date.now() - 3_600_000).toISOString() });
    const latest = await post(`/dialogues/${justStarted.body.id as string}/outcome`, euOfficer, { summary: 'Met in Auckland.', heldOn: latestToday() });
    expect({ status: latest.status, outcome: latest.body.outcome }).toEqual({ status: 200, outcome: { summary: 'Met in Auckland.', heldOn: latestToday() } });
    const held = await post('/dialogues', unOfficer, { ...dialogue(), startsAt: '2026-11-03T09:00:00+01:00' });
    const earliest = await post(`/dialogues/${held.body.id as string}/outcome`, unOfficer, { summary: 'Met in Honolulu.', heldOn: '2026-11-02' });
    expect({ status: earliest.status, outcome: earliest.body.outcome }).toEqual({ status: 200, outcome: { summary: 'Met in Honolulu.', heldOn: '2026-11-02' } });
  });

  it('an amber brief that names no organization says why', async () => {
    const { body } = await post('/briefs', unOfficer, { ...brief, classification: 'amber' });
    expect(body.errors).toEqual([
      { field: 'audience.organizations', message: expect.stringMatching(/^amber .*name at least one/), code: 'audienceRequired', params: { classification: 'amber' } },
    ]);
  });

  it("a bad body names each field's reason as a code, with the limits its message states, beside the English message", async () => {
    const { status, body } = await post('/briefs', unOfficer, { ...brief, title: 'x'.repeat(301), language: 'de', countries: ['sd'], originOrganizationId: au.id, dialogueId: 'seven' });
    expect({ status, code: body.code }).toEqual({ status: 400, code: 'invalid-input' });
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { field: 'title', message: 'title must be shorter than or equal to 300 characters', code: 'maxLength', params: { max: 300 } },
        { field: 'language', message: expect.any(String), code: 'isIn', params: { values: ['ar', 'zh', 'en', 'fr', 'ru', 'es'] } },
        { field: 'countries', message: expect.any(String), code: 'isCountryCode' },
        { field: 'originOrganizationId', message: 'property originOrganizationId should not exist', code: 'whitelist' },
        { field: 'dialogueId', message: expect.any(String), code: 'isUuid' },
      ]),
    );
    expect(body.errors).toHaveLength(5);
    const empty = await post('/briefs', unOfficer, { ...brief, title: '' });
    expect(empty.body.errors).toEqual([{ field: 'title', message: 'title must be longer than or equal to 1 characters', code: 'minLength', params: { min: 1 } }]);
  });

  it('a refusal by a rule names the rule as its code: only the origin organization changes who may read', async () => {
    const published = await post('/briefs', unOfficer, { ...brief, classification: 'amber', audience: { organizations: [au.id] } });
    const { status, body } = await patch(`/briefs/${published.body.id as string}`, auOfficer, { classification: 'green' });
    expect({ status, code: body.code }).toEqual({ status: 403, code: 'origin-only' });
    const unregistered = await post('/briefs', unOfficer, { ...brief, classification: 'amber', audience: { organizations: [au.id, nobody] } });
    expect(unregistered.body.errors).toEqual([{ field: 'audience.organizations', message: expect.stringContaining(nobody), code: 'unknownOrganization', params: { ids: [nobody] } }]);
  });

  it('Idempotency-Key: a repeat returns the first result and writes nothing; another body is a 409', async () => {
    const key = `key-${uuidv7()}`;
    const first = await service.http.post('/api/v1/briefs').set(auth(unOfficer)).set('Idempotency-Key', key).send({ ...brief, title: 'Once' }).expect(201);
    const before = await footprint();
    const again = await service.http.post('/api/v1/briefs').set(auth(unOfficer)).set('Idempotency-Key', key).send({ ...brief, title: 'Once' }).expect(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers['idempotent-replayed']).toBe('true');
    await service.http.post('/api/v1/briefs').set(auth(unOfficer)).set('Idempotency-Key', key).send({ ...brief, title: 'Twice' }).expect(409);
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
