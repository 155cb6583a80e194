import { CloudEvent } from 'cloudevents';
import { eventually } from '@liaison/testing';
import { ADMIN, RunningOrganizations, startTestOrganizations } from './harness';

const AU = { acronym: 'AU', name: 'African Union', kind: 'regional', region: 'africa', memberStates: ['SD', 'ML', 'ET'], chapterVIII: true, website: 'https://au.int' };
const EU = { acronym: 'EU', name: 'European Union', kind: 'regional', region: 'europe', memberStates: ['FR', 'DE'], chapterVIII: true };

describe('the registry of organizations, desks and officers (real Postgres and NATS)', () => {
  let service: RunningOrganizations;
  let unAdmin: string;

  beforeAll(async () => {
    service = await startTestOrganizations('registry');
    unAdmin = await service.token(ADMIN.email, ADMIN.password);
  });
  afterAll(() => service.stop());

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  it('creates the UN organization and its first admin at first start', async () => {
    const { body } = await service.http.get('/api/v1/organizations?kind=united-nations').set(auth(unAdmin)).expect(200);
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ acronym: 'UN', kind: 'united-nations' });
    const officers = await service.http.get(`/api/v1/officers?email=${ADMIN.email}`).set(auth(unAdmin)).expect(200);
    expect(officers.body.items[0]).toMatchObject({ organizationId: body.items[0].id, roles: ['admin', 'officer'] });
    expect(officers.body.items[0]).not.toHaveProperty('passwordHash');
  });

  it('registering an organization puts exactly one valid CloudEvent on organization.registered', async () => {
    const { body: au } = await service.http.post('/api/v1/organizations').set(auth(unAdmin)).send(AU).expect(201);
    expect(au).toMatchObject({ ...AU, version: 1 });

    const subject = 'liaison.organizations.organization.registered';
    const isAu = (m: { event: Record<string, unknown> }) => m.event.subject === au.id;
    const stored = (await eventually(async () => (await service.events(subject)).filter(isAu), 1)).filter(isAu);
    // give a duplicate publish every chance to show up before counting
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await service.events(subject)).filter(isAu)).toHaveLength(1);

    const [message] = stored;
    expect(message.subject).toBe(`${service.messaging.subjectPrefix}${subject}`);
    expect(message.messageId).toBe(message.event.id);
    const cloudEvent = new CloudEvent(message.event as never, true);
    expect(cloudEvent.validate()).toBe(true);
    expect(message.event).toMatchObject({
      specversion: '1.0',
      type: 'liaison.organization.registered.v1',
      source: '/liaison/organizations',
      subject: au.id,
      datacontenttype: 'application/json',
      classification: 'green',
      originorg: au.id,
      sequence: '1',
      data: { organizationId: au.id, acronym: 'AU', name: 'African Union', kind: 'regional', region: 'africa', chapterVIII: true, memberStates: ['SD', 'ML', 'ET'] },
    });
    expect(message.event.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/); // UUIDv7
    expect(message.event.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/);
  });

  it('carries the caller\'s trace from the HTTP request into the event', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const { body: osce } = await service.http
      .post('/api/v1/organizations')
      .set(auth(unAdmin))
      .set('traceparent', `00-${traceId}-00f067aa0ba902b7-01`)
      .send({ acronym: 'OSCE', name: 'Organization for Security and Co-operation in Europe', kind: 'regional', region: 'europe' })
      .expect(201);
    const [message] = await eventually(
      async () => (await service.events('liaison.organizations.organization.registered')).filter((m) => m.event.subject === osce.id),
      1,
    );
    expect(message.event.traceparent).toContain(traceId);
    expect(message.headers.traceparent).toContain(traceId);
  });

  it('lets an organization\'s admin manage its own desks and officers, and no one else\'s', async () => {
    const { body: au } = await service.http.get('/api/v1/organizations?region=africa').set(auth(unAdmin)).expect(200);
    const auId = au.items.find((o: { acronym: string }) => o.acronym === 'AU').id;
    const { body: eu } = await service.http.post('/api/v1/organizations').set(auth(unAdmin)).send(EU).expect(201);

    await service.http
      .post('/api/v1/officers')
      .set(auth(unAdmin))
      .send({ organizationId: auId, email: 'admin@au.int', name: 'AU administrator', roles: ['admin'], password: 'au-admin-password-1' })
      .expect(201);
    const auAdmin = await service.token('admin@au.int', 'au-admin-password-1');

    const { body: desk } = await service.http
      .post('/api/v1/desks')
      .set(auth(auAdmin))
      .send({ organizationId: auId, name: 'Sudan desk', countries: ['SD'], themes: ['mediation', 'conflict-prevention'] })
      .expect(201);
    expect(desk).toMatchObject({ organizationId: auId, countries: ['SD'], version: 1, closedAt: null });

    const forbidden = await service.http
      .post('/api/v1/desks')
      .set(auth(auAdmin))
      .send({ organizationId: eu.id, name: 'Not ours' })
      .expect(403);
    expect(forbidden.headers['content-type']).toContain('application/problem+json');
    await service.http.post('/api/v1/organizations').set(auth(auAdmin)).send({ ...EU, acronym: 'X' }).expect(403);

    const { body: officer } = await service.http
      .post('/api/v1/officers')
      .set(auth(auAdmin))
      .send({ organizationId: auId, email: 'Amina.Diallo@au.int', name: 'Amina Diallo', deskId: desk.id, language: 'fr', password: 'amina-password-12' })
      .expect(201);
    expect(officer).toMatchObject({ email: 'amina.diallo@au.int', language: 'fr', roles: ['officer'], deskId: desk.id });
    expect(officer).not.toHaveProperty('password');

    const amina = await service.token('amina.diallo@au.int', 'amina-password-12');
    await service.http.patch(`/api/v1/officers/${officer.id}`).set(auth(amina)).send({ language: 'ar' }).expect(200);
    await service.http.patch(`/api/v1/officers/${officer.id}`).set(auth(amina)).send({ roles: ['admin'] }).expect(403);

    const [joined] = await eventually(
      async () => (await service.events('liaison.organizations.officer.joined')).filter((m) => m.event.subject === officer.id),
      1,
    );
    expect(joined.event.data).toEqual({
      officerId: officer.id, organizationId: auId, deskId: desk.id, email: 'amina.diallo@au.int', name: 'Amina Diallo', language: 'fr', roles: ['officer'],
    });
    const updated = await eventually(
      async () => (await service.events('liaison.organizations.officer.updated')).filter((m) => m.event.subject === officer.id),
      1,
    );
    expect(updated[0].event).toMatchObject({ sequence: '2', data: { language: 'ar' } });

    // closing the desk leaves its officers without a desk, and says so
    await service.http.post(`/api/v1/desks/${desk.id}/close`).set(auth(auAdmin)).expect(200);
    const { body: after } = await service.http.get(`/api/v1/officers/${officer.id}`).set(auth(amina)).expect(200);
    expect(after).toMatchObject({ deskId: null, version: 3 });
    await service.http.patch(`/api/v1/desks/${desk.id}`).set(auth(auAdmin)).send({ name: 'Reopened?' }).expect(409);
  });

  it('refuses a second organization with the same acronym, whatever its case', async () => {
    const { body } = await service.http.post('/api/v1/organizations').set(auth(unAdmin)).send({ ...AU, acronym: 'au' }).expect(409);
    expect(body).toMatchObject({ status: 409, code: 'acronym-taken', errors: [{ field: 'acronym' }] });
  });

  it('pages newest first with an opaque cursor and filters by field', async () => {
    for (const acronym of ['ECOWAS', 'LAS', 'OAS', 'SADC', 'IGAD']) {
      await service.http.post('/api/v1/organizations').set(auth(unAdmin)).send({ acronym, name: `${acronym} name`, kind: 'subregional', region: 'africa' }).expect(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const { body } = await service.http.get(`/api/v1/organizations?kind=subregional&limit=2${query}`).set(auth(unAdmin)).expect(200);
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((o: { acronym: string }) => o.acronym));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['IGAD', 'SADC', 'OAS', 'LAS', 'ECOWAS']);

    const bad = await service.http.get('/api/v1/organizations?cursor=not-a-cursor').set(auth(unAdmin)).expect(400);
    expect(bad.body.errors).toEqual([{ field: 'cursor', message: expect.any(String), code: 'unknownCursor' }]);
  });

  it('gives the first answer again for a repeated Idempotency-Key, and 409 for the same key with another body', async () => {
    const body = { acronym: 'CARICOM', name: 'Caribbean Community', kind: 'subregional', region: 'americas' };
    const first = await service.http.post('/api/v1/organizations').set(auth(unAdmin)).set('Idempotency-Key', 'k-1').send(body).expect(201);
    const again = await service.http.post('/api/v1/organizations').set(auth(unAdmin)).set('Idempotency-Key', 'k-1').send(body).expect(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    await service.http.post('/api/v1/organizations').set(auth(unAdmin)).set('Idempotency-Key', 'k-1').send({ ...body, name: 'Other' }).expect(409);

    const { body: list } = await service.http.get('/api/v1/organizations?region=americas').set(auth(unAdmin)).expect(200);
    expect(list.items.filter((o: { acronym: string }) => o.acronym === 'CARICOM')).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const events = (await service.events('liaison.organizations.organization.registered')).filter((m) => m.event.subject === first.body.id);
    expect(events).toHaveLength(1);
  });

  it('serves its OpenAPI and AsyncAPI documents, health and metrics without a token', async () => {
    const openApi = await service.http.get('/api/v1/organizations/openapi.json').expect(200);
    expect(Object.keys(openApi.body.paths)).toEqual(expect.arrayContaining(['/api/v1/organizations', '/api/v1/desks', '/api/v1/officers', '/api/v1/auth/token']));
    const asyncApi = await service.http.get('/api/v1/organizations/asyncapi.json').expect(200);
    expect(asyncApi.body.asyncapi).toMatch(/^3\./);
    await service.http.get('/health/live').expect(200);
    const ready = await service.http.get('/health/ready').expect(200);
    expect(ready.body.status).toBe('ok');
    const metrics = await service.http.get('/metrics').expect(200);
    expect(metrics.text).toContain('http_request_duration_seconds');
    // by route pattern, not by URL: an id in a path must not make a series of its own
    expect(metrics.text).toMatch(/http_request_duration_seconds_count\{service="organizations",method="PATCH",route="\/api\/v1\/officers\/:id",status="200"\}/);
    expect(metrics.text).not.toMatch(/route="\/api\/v1\/officers\/[0-9a-f]{8}-/);
  });

  it('answers the paths Express did: case-insensitive, with or without a trailing slash, with its ids and headers', async () => {
    const listed = await service.http.get('/API/v1/Organizations/').set(auth(unAdmin)).set('x-request-id', 'probe-1').expect(200);
    expect(Array.isArray(listed.body.items)).toBe(true);
    expect(listed.headers['x-request-id']).toBe('probe-1');
    expect(listed.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
    expect(listed.headers['x-content-type-options']).toBe('nosniff');
    expect(listed.headers['x-powered-by']).toBeUndefined();
    const unknown = await service.http.get('/api/v1/no-such-thing').expect(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
