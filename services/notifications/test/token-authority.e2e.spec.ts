import { TokenIssuer, type Viewer } from '@liaison/auth';
import { createEvent, OfficerLeftEvent, OfficerUpdatedEvent } from '@liaison/contracts';
import { v7 as uuidv7 } from 'uuid';
import { officer, officerJoined, organization, organizationRegistered, type TestOfficer } from './support/events';
import { SseClient } from './support/sse-client';
import { JWT_SECRET, type RunningNotifications, startTestNotifications, until } from './harness';

// Real: Postgres and JetStream; the organizations events are published on the stream as its
// relay does. A token is honoured only while the registry read model vouches for it: a demoted
// admin creates no webhook endpoints, and a live feed ends when its officer leaves or moves, or
// when its token expires.

const AU = organization('AU', 'africa');
const EU = organization('EU', 'europe');

describe('authority from the registry: notifications', () => {
  let service: RunningNotifications;
  const viewerOf = (o: TestOfficer, roles: Viewer['roles'] = ['officer']): Viewer => ({ officerId: o.id, organizationId: o.organizationId, roles });
  const bearer = async (viewer: Viewer) => ({ Authorization: `Bearer ${await service.token(viewer, { register: false })}` });
  const stream = `/api/v1/notifications/stream`;

  /** officer.updated (version 2) with other roles or another organization */
  const updated = (o: TestOfficer, changes: { organizationId?: string; roles?: Viewer['roles'] }) =>
    createEvent(OfficerUpdatedEvent, {
      subject: o.id, classification: 'green', originorg: changes.organizationId ?? o.organizationId, sequence: 2,
      data: { officerId: o.id, organizationId: changes.organizationId ?? o.organizationId, email: o.email, name: 'x', language: o.language, roles: changes.roles ?? ['officer'] },
    });
  const left = (o: TestOfficer) =>
    createEvent(OfficerLeftEvent, { subject: o.id, classification: 'green', originorg: o.organizationId, sequence: 2, data: { officerId: o.id, organizationId: o.organizationId } });
  const versionOf = async (o: TestOfficer) => (await service.query(`SELECT version FROM registry_officers WHERE id = $1`, [o.id]))[0]?.version;

  async function registered(o: TestOfficer, roles: Viewer['roles'] = ['officer']): Promise<void> {
    const joined = officerJoined(o);
    (joined.data as { roles: string[] }).roles = roles;
    await service.publish(joined);
    await until(() => versionOf(o), (version) => version === 1);
  }

  beforeAll(async () => {
    service = await startTestNotifications('notif_token_authority');
    for (const org of [AU, EU]) await service.publish(organizationRegistered(org));
    await until(() => service.query(`SELECT id FROM registry_organizations`), (rows) => rows.length === 2);
  });
  afterAll(() => service.stop());

  it('an admin demoted creates no webhook endpoint with the admin token: 401 saying why, nothing written', async () => {
    const auAdmin = officer(AU, 'admin');
    await registered(auAdmin, ['officer', 'admin']);
    const token = await bearer(viewerOf(auAdmin, ['officer', 'admin']));
    const hook = { url: `${service.receiver.origin}/au`, eventTypes: ['liaison.brief.published.v1'] };
    await service.http.post('/api/v1/webhooks').set(token).send(hook).expect(201);

    await service.publish(updated(auAdmin, { roles: ['officer'] }));
    await until(() => versionOf(auAdmin), (version) => version === 2);
    await new Promise((resolve) => setTimeout(resolve, 600)); // past the guard's short reuse of a standing read
    const before = (await service.query(`SELECT count(*)::int AS n FROM webhook_endpoints`))[0].n;
    const refused = await service.http.post('/api/v1/webhooks').set(token).send(hook);
    expect(refused.status).toBe(401);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.detail).toMatch(/no longer holds the role admin/);
    expect((await service.query(`SELECT count(*)::int AS n FROM webhook_endpoints`))[0].n).toBe(before);
    // a token of the roles the registry grants now is honoured, and an officer manages no endpoints
    expect((await service.http.post('/api/v1/webhooks').set(await bearer(viewerOf(auAdmin))).send(hook)).status).toBe(403);
  });

  it.each([
    ['leaves', (o: TestOfficer) => left(o)],
    ['moves to another organization', (o: TestOfficer) => updated(o, { organizationId: EU.id })],
  ])('a live feed ends within a second when its officer %s, and the token opens no new one', async (_case, change) => {
    const reader = officer(AU, `reader-${uuidv7().slice(-6)}`);
    await registered(reader);
    const headers = await bearer(viewerOf(reader));
    const feed = await SseClient.open(`${service.origin}${stream}`, headers);
    expect(feed.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(feed.ended).toBe(false);

    await service.publish(change(reader));
    await until(() => versionOf(reader), (version) => version === 2);
    const appliedAt = Date.now();
    await until(async () => feed.ended, (ended) => ended, 5_000);
    expect(Date.now() - appliedAt).toBeLessThan(1000);

    const again = await service.http.get(stream).set(headers);
    expect(again.status).toBe(401);
    expect(again.headers['content-type']).toContain('application/problem+json');
  });

  it('a live feed ends when its token expires, whether opened with the token or with a ticket', async () => {
    const reader = officer(AU, 'short-lived');
    await registered(reader);
    const issuer = new TokenIssuer({ jwtSecret: JWT_SECRET, tokenExpiresInSeconds: 2 });
    const { accessToken } = await issuer.issue(viewerOf(reader));
    const expiresAt = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString()).exp * 1000;

    const byHeader = await SseClient.open(`${service.origin}${stream}`, { Authorization: `Bearer ${accessToken}` });
    const { body: ticket } = await service.http.post('/api/v1/notifications/stream-tickets').set({ Authorization: `Bearer ${accessToken}` }).expect(201);
    const byTicket = await SseClient.open(`${service.origin}${stream}?ticket=${encodeURIComponent(ticket.ticket)}`);
    expect([byHeader.status, byTicket.status]).toEqual([200, 200]);

    await until(async () => byHeader.ended && byTicket.ended, (ended) => ended, 6_000);
    expect(Date.now()).toBeGreaterThanOrEqual(expiresAt);
    expect(Date.now() - expiresAt).toBeLessThan(1000);
  });
});
