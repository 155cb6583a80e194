import { createTestDatabase, removeTestStreams, testMessaging } from '@liaison/testing';
import { Client } from 'pg';
import { Mailbox } from './support/mailbox';
import { ServiceProcess } from './support/service-process';
import { SseClient } from './support/sse-client';
import { until } from './harness';

// Real and separate: organizations, dialogues and notifications each run as their own process
// (node -r @swc-node/register services/<name>/src/main.ts), each on a database of its own, all on
// one NATS with this file's subject prefix; they talk only over NATS. The SMTP server runs here.

const SECRET = 'cross-service-secret-cross-service-42';
const ADMIN = { email: 'admin@un.org', password: 'correct horse battery staple' };

describe('across services: a brief published in dialogues reaches exactly the entitled, subscribed officers', () => {
  const messaging = testMessaging();
  const databases: Array<{ url: string; drop: () => Promise<void> }> = [];
  const processes: ServiceProcess[] = [];
  let organizations: ServiceProcess;
  let dialogues: ServiceProcess;
  let notifications: ServiceProcess;
  let mailbox: Mailbox;
  let notificationsDb: Client;
  const feeds: SseClient[] = [];

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

  const people: Record<string, { id: string; email: string; token: string }> = {};

  beforeAll(async () => {
    mailbox = await Mailbox.start();
    const common = {
      NATS_URL: messaging.natsUrl,
      NATS_SUBJECT_PREFIX: messaging.subjectPrefix,
      NATS_STREAM_PREFIX: messaging.streamPrefix,
      AUTH_JWT_SECRET: SECRET,
    };
    const database = async (label: string) => {
      const created = await createTestDatabase(label);
      databases.push(created);
      return created.url;
    };
    organizations = await ServiceProcess.start('organizations', {
      ...common,
      DATABASE_URL: await database('x_organizations'),
      LIAISON_ADMIN_EMAIL: ADMIN.email,
      LIAISON_ADMIN_PASSWORD: ADMIN.password,
    });
    processes.push(organizations);
    const notificationsUrl = await database('x_notifications');
    [dialogues, notifications] = await Promise.all([
      ServiceProcess.start('dialogues', { ...common, DATABASE_URL: await database('x_dialogues') }),
      ServiceProcess.start('notifications', {
        ...common,
        DATABASE_URL: notificationsUrl,
        SMTP_URL: mailbox.url,
        WEB_ORIGIN: 'https://liaison.example.org',
        DELIVERY_POLL_MS: '200',
      }),
    ]);
    processes.push(dialogues, notifications);
    notificationsDb = new Client({ connectionString: notificationsUrl });
    await notificationsDb.connect();

    const admin = await login(ADMIN.email, ADMIN.password);
    const { body: un } = await call(organizations.origin, 'GET', '/organizations?kind=united-nations', admin);
    const orgs: Record<string, string> = { UN: un.items[0].id };
    for (const [acronym, region] of [['AU', 'africa'], ['EU', 'europe'], ['OAS', 'americas']]) {
      const { status, body } = await call(organizations.origin, 'POST', '/organizations', admin, { acronym, name: `${acronym} name`, kind: 'regional', region });
      expect(status).toBe(201);
      orgs[acronym] = body.id;
    }
    for (const [name, acronym, language] of [['au', 'AU', 'en'], ['eu', 'EU', 'fr'], ['oas', 'OAS', 'es'], ['un', 'UN', 'ar']]) {
      const email = `${name}.officer@${acronym.toLowerCase()}.example.org`;
      const password = `${name}-password-123456`;
      const { status, body } = await call(organizations.origin, 'POST', '/officers', admin, { organizationId: orgs[acronym], email, name: `${name} officer`, language, password });
      expect(status).toBe(201);
      people[name] = { id: body.id, email, token: await login(email, password) };
    }
    // notifications learns of them through the events only
    await until(async () => (await notificationsDb.query(`SELECT id FROM registry_officers WHERE NOT "left" AND email IS NOT NULL`)).rows, (rows) => rows.length >= 5, 30_000);

    const subscribed = await call(notifications.origin, 'POST', '/subscriptions', people.eu.token, { filters: { countries: ['SD'] }, channels: ['in-app', 'email'] });
    expect(subscribed.status).toBe(201);
    for (const name of ['eu', 'oas', 'un']) {
      feeds.push(await SseClient.open(`${notifications.origin}/api/v1/notifications/stream`, { Authorization: `Bearer ${people[name].token}` }));
    }
  }, 150_000);

  afterAll(async () => {
    for (const feed of feeds) feed.close();
    await notificationsDb?.end();
    await Promise.all(processes.map((p) => p.stop()));
    await mailbox?.close();
    for (const database of databases) await database.drop();
    await removeTestStreams(messaging);
  }, 60_000);

  const publishBrief = async (body: object) => {
    // dialogues learns of the AU officer through the events too: retry until it knows them
    const published = await until(() => call(dialogues.origin, 'POST', '/briefs', people.au.token, body), (r) => r.status === 201, 30_000);
    expect(published.status).toBe(201);
    return published.body as { id: string };
  };
  const itemsOf = async (name: string, briefId: string) =>
    (await notificationsDb.query(`SELECT * FROM notification_inbox WHERE officer_id = $1 AND aggregate_id = $2`, [people[name].id, briefId])).rows;

  it('green brief on Sudan: the EU officer gets an item, an SSE message and an e-mail in French; the OAS officer nothing', async () => {
    const brief = await publishBrief({ title: 'Darfur: humanitarian access', body: 'Full body, kept in dialogues.', classification: 'green', countries: ['SD'], themes: ['humanitarian'] });
    const [euFeed, oasFeed] = feeds;
    const [message] = await until(async () => euFeed.messages.filter((m) => m.data.link === `/briefs/${brief.id}`), (m) => m.length >= 1, 20_000);
    expect(message.data).toMatchObject({ type: 'liaison.brief.published.v1', title: 'Note de AU : Darfur: humanitarian access', classification: 'green' });
    const [mail] = await until(async () => mailbox.to(people.eu.email), (m) => m.length >= 1, 20_000);
    expect(mail).toMatchObject({ subject: 'Note de AU : Darfur: humanitarian access', language: 'fr' });
    expect(await itemsOf('eu', brief.id)).toHaveLength(1);

    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await itemsOf('oas', brief.id)).toEqual([]);
    expect(oasFeed.messages).toEqual([]);
    expect(mailbox.to(people.oas.email)).toEqual([]);
  }, 60_000);

  it('an amber brief for the UN reaches UN officers only, by any channel', async () => {
    const { body: un } = await call(organizations.origin, 'GET', '/organizations?kind=united-nations', people.un.token);
    const brief = await publishBrief({
      title: 'Restricted: Sudan talks',
      body: 'Only for the UN.',
      classification: 'amber',
      audience: { organizations: [un.items[0].id], officers: [] },
      countries: ['SD'],
    });
    const unFeed = feeds[2];
    await until(async () => unFeed.messages.filter((m) => m.data.link === `/briefs/${brief.id}`), (m) => m.length >= 1, 20_000);
    const [arabic] = await until(async () => mailbox.to(people.un.email).filter((m) => m.subject.includes('Restricted: Sudan talks')), (m) => m.length >= 1, 20_000);
    expect(arabic.html).toContain('dir="rtl"');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    for (const name of ['eu', 'oas']) {
      expect(await itemsOf(name, brief.id)).toEqual([]);
      expect(mailbox.to(people[name].email).filter((m) => `${m.subject} ${m.text}`.includes('Restricted'))).toEqual([]);
    }
    for (const feed of feeds.slice(0, 2)) expect(feed.messages.filter((m) => m.data.link === `/briefs/${brief.id}`)).toEqual([]);
  }, 60_000);
});
