import type { Viewer } from '@liaison/auth';
import { BriefWithdrawnEvent } from '@liaison/contracts';
import { TargetGuard } from '../src/webhooks/target-guard';
import { briefPublished, briefWithdrawn, officer, officerJoined, organization, organizationRegistered, type TestOfficer } from './support/events';
import { type RunningNotifications, startTestNotifications, until } from './harness';

// Real: Postgres, JetStream, HTTP to a receiver in this process that verifies every delivery with
// the standardwebhooks library (an unverifiable one is recorded as rejected and fails the test).

const UN = organization('UN', 'global');
const AU = organization('AU', 'africa');
const EU = organization('EU', 'europe');
const auAuthor = officer(AU, 'author');
const euAuthor = officer(EU, 'writer');

const admin = (o: { id: string }): Viewer => ({ officerId: crypto.randomUUID(), organizationId: o.id, roles: ['officer', 'admin'] });
const BRIEF = 'liaison.brief.published.v1';

describe('webhooks: signed, retried, logged, disabled after repeated failure, never to private addresses', () => {
  let service: RunningNotifications;
  const as = async (viewer: Viewer) => ({ Authorization: `Bearer ${await service.token(viewer)}` });
  const euAdmin = admin(EU);
  const auAdmin = admin(AU);
  let euHook: { id: string; secret: string };
  let auHook: { id: string; secret: string };

  beforeAll(async () => {
    service = await startTestNotifications('notif_webhooks', {
      WEBHOOK_MAX_ATTEMPTS: '3',
      WEBHOOK_RETRY_BASE_MS: '50',
      WEBHOOK_DISABLE_AFTER_FAILURES: '3',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    });
    for (const org of [UN, AU, EU]) await service.publish(organizationRegistered(org));
    for (const o of [auAuthor, euAuthor]) await service.publish(officerJoined(o as TestOfficer));
    await until(() => service.query(`SELECT id FROM registry_officers`), (rows) => rows.length === 2);
    service.receiver.status = (path) => (path === '/au' ? 503 : 204);

    const eu = await service.http.post('/api/v1/webhooks').set(await as(euAdmin)).send({ url: `${service.receiver.origin}/eu`, eventTypes: [BRIEF] }).expect(201);
    const au = await service.http.post('/api/v1/webhooks').set(await as(auAdmin)).send({ url: `${service.receiver.origin}/au`, eventTypes: [BRIEF] }).expect(201);
    euHook = eu.body;
    auHook = au.body;
    service.receiver.secrets.set('/eu', euHook.secret);
    service.receiver.secrets.set('/au', auHook.secret);
  });
  afterAll(() => service.stop());

  it('returns the secret once, at creation, and only to admins of the organization', async () => {
    expect(euHook.secret).toMatch(/^whsec_/);
    const { body } = await service.http.get(`/api/v1/webhooks/${euHook.id}`).set(await as(euAdmin)).expect(200);
    expect(body).not.toHaveProperty('secret');
    expect(body).toMatchObject({ url: `${service.receiver.origin}/eu`, eventTypes: [BRIEF], enabled: true, organizationId: EU.id });
    await service.http.get(`/api/v1/webhooks/${euHook.id}`).set(await as(auAdmin)).expect(404);
    await service.http
      .post('/api/v1/webhooks')
      .set(await as({ ...euAdmin, roles: ['officer'] }))
      .send({ url: `${service.receiver.origin}/x`, eventTypes: [BRIEF] })
      .expect(403);
  });

  it.each([
    'http://169.254.169.254/latest/meta-data',
    'http://10.1.2.3/hook',
    'http://[::1]:8080/hook',
    'http://localhost:9/hook',
    'ftp://example.org/hook',
  ])('refuses %s (not in WEBHOOK_ALLOWED_HOSTS)', async (url) => {
    const { body } = await service.http.post('/api/v1/webhooks').set(await as(euAdmin)).send({ url, eventTypes: [BRIEF] }).expect(400);
    expect(body.errors).toEqual([expect.objectContaining({ field: 'url' })]);
  });

  it('refuses private targets at connection time too, unless the host is allowed', async () => {
    const guard = new TargetGuard(['hooks.internal']);
    expect(guard.agentFor(new URL('http://hooks.internal/x'))).toBeUndefined();
    const agent = guard.agentFor(new URL('http://rebinding.example/x'));
    expect(agent?.constructor.name).toBe('RequestFilteringHttpAgent');
    const error = await new Promise<Error>((resolve) => {
      require('node:http').get('http://127.0.0.1:9/', { agent }, () => resolve(new Error('connected'))).on('error', resolve);
    });
    expect(error.message).toMatch(/127\.0\.0\.1|not allowed|private/i);
  });

  it('delivers what the organization may see, signed; amber for others never, amber-strict only as a link', async () => {
    const green = briefPublished({ author: auAuthor, classification: 'green', title: 'Public to partners' });
    const amberForUn = briefPublished({ author: auAuthor, classification: 'amber', audience: { organizations: [UN.id] }, title: 'UN only' });
    const strict = briefPublished({ author: euAuthor, classification: 'amber-strict', title: 'EU internal', summary: 'EU internal summary' });
    for (const event of [green, amberForUn, strict]) await service.publish(event);

    const hooks = await until(async () => service.receiver.at('/eu'), (h) => h.length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(service.receiver.rejected).toEqual([]);
    expect(service.receiver.at('/eu').map((h) => h.body.id).sort()).toEqual([green.id, strict.id].sort());
    const greenHook = hooks.find((h) => h.body.id === green.id)!;
    expect(greenHook.body).toMatchObject({ type: BRIEF, specversion: '1.0', data: { title: 'Public to partners' } });
    const strictHook = service.receiver.at('/eu').find((h) => h.body.id === strict.id)!;
    expect(JSON.stringify(strictHook.body)).not.toContain('EU internal');
    expect(strictHook.body.data).toEqual({ restricted: true, link: `https://liaison.example.org/briefs/${strict.subject}` });

    const { body: log } = await service.http.get(`/api/v1/webhooks/${euHook.id}/deliveries`).set(await as(euAdmin)).expect(200);
    expect(log.items.map((d: any) => d.status)).toEqual(['delivered', 'delivered']);
  });

  it('gives each event of a fan-out batch its own body', async () => {
    const briefs = Array.from({ length: 12 }, (_, n) => briefPublished({ author: auAuthor, classification: 'green', title: `Batch brief ${n}` }));
    // published together, so they reach the fan-out in batches of several events
    await Promise.all(briefs.map((event) => service.publish(event)));
    const ids = new Set(briefs.map((event) => event.id));
    const hooks = await until(async () => service.receiver.at('/eu').filter((h) => ids.has(h.body.id)), (h) => h.length >= briefs.length);
    for (const event of briefs) {
      expect(hooks.filter((h) => h.body.id === event.id).map((h) => (h.body.data as { title: string }).title)).toEqual([(event.data as { title: string }).title]);
    }
  });

  it('a failing receiver gets retries with back-off, then the delivery fails (delivery.failed) and the endpoint is disabled', async () => {
    await until(
      () => service.query(`SELECT enabled, disabled_reason FROM webhook_endpoints WHERE id = $1`, [auHook.id]),
      (rows) => rows[0]?.enabled === false,
    );
    // the AU endpoint had two deliveries (the green brief, and its own organization's amber one):
    // 3 failed attempts in a row disabled it, and both gave up
    const attempts = service.receiver.attempts.filter((path) => path === '/au').length;
    expect(attempts).toBeGreaterThanOrEqual(3);
    const { body: log } = await service.http.get(`/api/v1/webhooks/${auHook.id}/deliveries`).set(await as(auAdmin)).expect(200);
    expect(log.items).toHaveLength(2);
    for (const delivery of log.items) expect(delivery).toMatchObject({ status: 'failed', lastError: expect.stringMatching(/HTTP 503|endpoint disabled/) });
    const { body: endpoint } = await service.http.get(`/api/v1/webhooks/${auHook.id}`).set(await as(auAdmin)).expect(200);
    expect(endpoint).toMatchObject({ enabled: false, disabledReason: expect.stringContaining('failed attempts in a row') });

    const failed = await until(
      async () => (await service.events('liaison.notifications.delivery.failed')).filter((m) => (m.event.data as any).webhookId === auHook.id),
      (m) => m.length >= 2,
    );
    expect(failed).toHaveLength(2);
    expect(failed[0].event).toMatchObject({ classification: 'amber-strict', originorg: AU.id, data: { channel: 'webhook' } });
    expect(JSON.stringify(failed.map((f) => f.event.data))).not.toMatch(/Public to partners|UN only/);

    // disabled: the next event is not attempted; re-enabled, it is
    const later = briefPublished({ author: auAuthor, classification: 'green', title: 'After disabling' });
    await service.publish(later);
    await until(async () => service.receiver.at('/eu'), (h) => h.some((x) => x.body.id === later.id));
    expect(service.receiver.attempts.filter((path) => path === '/au')).toHaveLength(attempts);
    service.receiver.status = () => 204;
    await service.http.patch(`/api/v1/webhooks/${auHook.id}`).set(await as(auAdmin)).send({ enabled: true }).expect(200);
    const next = briefPublished({ author: auAuthor, classification: 'green', title: 'Back again' });
    await service.publish(next);
    await until(async () => service.receiver.at('/au'), (h) => h.some((x) => x.body.id === next.id));
  });

  it('an endpoint registered after events flowed gets the next ones, a withdrawal included', async () => {
    // The deliveries are made in the fan-out's own statement: nothing may remember that an
    // organization had no endpoint, nor which types endpoints wanted.
    const before = briefPublished({ author: auAuthor, classification: 'green', title: 'Before the UN endpoint' });
    await service.publish(before);
    await until(async () => service.receiver.at('/eu'), (h) => h.some((x) => x.body.id === before.id));

    const unAdmin = admin(UN);
    const { body: unHook } = await service.http
      .post('/api/v1/webhooks')
      .set(await as(unAdmin))
      .send({ url: `${service.receiver.origin}/un`, eventTypes: [BRIEF, BriefWithdrawnEvent.type] })
      .expect(201);
    service.receiver.secrets.set('/un', unHook.secret);
    const after = briefPublished({ author: auAuthor, classification: 'green', title: 'After the UN endpoint' });
    await service.publish(after);
    await until(async () => service.receiver.at('/un'), (h) => h.length >= 1);
    // (after its delivery: a withdrawal cancels deliveries of the brief not sent yet)
    const withdrawal = briefWithdrawn(after);
    await service.publish(withdrawal);
    await until(async () => service.receiver.at('/un'), (h) => h.length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(service.receiver.rejected).toEqual([]);
    expect(service.receiver.at('/un').map((h) => [h.body.id, h.body.type])).toEqual([
      [after.id, BRIEF],
      [withdrawal.id, BriefWithdrawnEvent.type],
    ]);
  });
});
