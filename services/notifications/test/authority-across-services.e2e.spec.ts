import { createTestDatabase, removeTestStreams, testMessaging } from '@liaison/testing';
import { ServiceProcess } from './support/service-process';
import { until } from './harness';

// Real and separate: organizations, dialogues and notifications each run as their own process on
// a database of its own, all on one NATS with this file's subject prefix. A change in the
// registry (organizations' HTTP API) takes the token's rights away in the other services within
// a second of reaching them, through the events only.

const SECRET = 'authority-across-services-secret-42!';
const ADMIN = { email: 'admin@un.org', password: 'correct horse battery staple' };

describe('across services: authority comes from the registry, not the token', () => {
  const messaging = testMessaging();
  const databases: Array<{ url: string; drop: () => Promise<void> }> = [];
  const processes: ServiceProcess[] = [];
  let organizations: ServiceProcess;
  let dialogues: ServiceProcess;
  let notifications: ServiceProcess;
  let admin: string;
  let au: string;

  const call = async (origin: string, method: string, path: string, token?: string, body?: unknown) => {
    const response = await fetch(`${origin}/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  const login = async (email: string, password: string) => (await call(organizations.origin, 'POST', '/auth/token', undefined, { email, password })).body.accessToken as string;

  async function newOfficer(name: string, roles: string[]): Promise<{ id: string; token: string }> {
    const email = `${name}@au.example.org`;
    const password = `${name}-password-123456`;
    const { status, body } = await call(organizations.origin, 'POST', '/officers', admin, { organizationId: au, email, name, roles, password });
    expect(status).toBe(201);
    const token = await login(email, password);
    // both services learn of the officer through the events only
    await until(() => call(dialogues.origin, 'GET', '/briefs', token).then((r) => r.status), (status) => status === 200, 30_000);
    await until(() => call(notifications.origin, 'GET', '/notifications', token).then((r) => r.status), (status) => status === 200, 30_000);
    return { id: body.id, token };
  }

  /** After `change`, how long until each service refuses the token with a 401 (ms). */
  async function refusals(change: () => Promise<void>, token: string, routes: Array<[ServiceProcess, string, string, unknown?]>): Promise<number[]> {
    await change();
    const changedAt = Date.now();
    return Promise.all(
      routes.map(async ([service, method, path, body]) => {
        await until(() => call(service.origin, method, path, token, body).then((r) => r.status), (status) => status === 401, 15_000);
        return Date.now() - changedAt;
      }),
    );
  }

  beforeAll(async () => {
    const common = { NATS_URL: messaging.natsUrl, NATS_SUBJECT_PREFIX: messaging.subjectPrefix, NATS_STREAM_PREFIX: messaging.streamPrefix, AUTH_JWT_SECRET: SECRET };
    const database = async (label: string) => {
      const created = await createTestDatabase(label);
      databases.push(created);
      return created.url;
    };
    organizations = await ServiceProcess.start('organizations', { ...common, DATABASE_URL: await database('a_organizations'), LIAISON_ADMIN_EMAIL: ADMIN.email, LIAISON_ADMIN_PASSWORD: ADMIN.password });
    processes.push(organizations);
    [dialogues, notifications] = await Promise.all([
      ServiceProcess.start('dialogues', { ...common, DATABASE_URL: await database('a_dialogues') }),
      ServiceProcess.start('notifications', { ...common, DATABASE_URL: await database('a_notifications'), SMTP_URL: 'smtp://127.0.0.1:1', WEB_ORIGIN: 'https://liaison.example.org' }),
    ]);
    processes.push(dialogues, notifications);
    admin = await login(ADMIN.email, ADMIN.password);
    const created = await call(organizations.origin, 'POST', '/organizations', admin, { acronym: 'AU', name: 'African Union', kind: 'regional', region: 'africa' });
    expect(created.status).toBe(201);
    au = created.body.id;
  }, 150_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    for (const database of databases) await database.drop();
    await removeTestStreams(messaging);
  }, 60_000);

  it('an officer who left is refused by dialogues and notifications within a second of the event reaching them', async () => {
    const leaver = await newOfficer('leaver', ['officer']);
    const took = await refusals(
      async () => expect((await call(organizations.origin, 'POST', `/officers/${leaver.id}/leave`, admin, {})).status).toBe(200),
      leaver.token,
      [
        [organizations, 'GET', '/organizations'],
        [dialogues, 'GET', '/briefs'],
        [notifications, 'GET', '/notifications'],
      ],
    );
    // the event's trip (outbox, relay, JetStream, consumer) plus at most a second in each service
    for (const ms of took) expect(ms).toBeLessThan(2000);
  }, 90_000);

  it('an AU admin demoted loses the admin routes of every service at once: officers, webhooks', async () => {
    const auAdmin = await newOfficer('au-admin', ['officer', 'admin']);
    const hook = { url: 'https://hooks.au.example.org/liaison', eventTypes: ['liaison.brief.published.v1'] };
    const took = await refusals(
      async () => expect((await call(organizations.origin, 'PATCH', `/officers/${auAdmin.id}`, admin, { roles: ['officer'] })).status).toBe(200),
      auAdmin.token,
      [
        [organizations, 'GET', '/officers'],
        [notifications, 'GET', '/webhooks'],
        [dialogues, 'GET', '/briefs'],
      ],
    );
    for (const ms of took) expect(ms).toBeLessThan(2000);
    expect((await call(notifications.origin, 'POST', '/webhooks', auAdmin.token, hook)).status).toBe(401);
    expect((await call(organizations.origin, 'POST', '/officers', auAdmin.token, { organizationId: au, email: 'x@au.example.org', name: 'X' })).status).toBe(401);
  }, 90_000);
});
