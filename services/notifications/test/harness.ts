import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { Client } from 'pg';
import { jetstream } from '@nats-io/jetstream';
import { TokenIssuer, type Viewer } from '@liaison/auth';
import { definitionByType, type LiaisonEvent } from '@liaison/contracts';
import { loadConfig } from '@liaison/http';
import { DEFAULT_RETRY_POLICY, JetStreamBus } from '@liaison/messaging';
import { createTestDatabase, removeTestStreams, storedMessages, testMessaging, type TestMessaging } from '@liaison/testing';
import { NotificationsConfig } from '../src/config';
import { startNotifications } from '../src/start-notifications';
import { Mailbox } from './support/mailbox';
import { WebhookReceiver } from './support/webhook-receiver';

export const JWT_SECRET = 'test-secret-test-secret-test-secret-42';

export interface RunningNotifications {
  app: INestApplication;
  http: ReturnType<typeof request>;
  /** http://127.0.0.1:<port> of the running app */
  origin: string;
  messaging: TestMessaging;
  databaseUrl: string;
  mailbox: Mailbox;
  receiver: WebhookReceiver;
  /** publishes on the events stream as the relay does (message id = event id, unless given) */
  publish(event: LiaisonEvent, messageId?: string): Promise<void>;
  /** a read-only query on the service's database */
  query<T = any>(sql: string, params?: unknown[]): Promise<T[]>;
  token(viewer: Viewer): Promise<string>;
  /** stops the app (not the database, stream or mailbox) and starts it again */
  restart(): Promise<void>;
  stopApp(): Promise<void>;
  startApp(): Promise<void>;
  events(subject?: string): ReturnType<typeof storedMessages>;
  stop(): Promise<void>;
}

/**
 * The real service on a database and subject prefix of this test file's own, with a real SMTP
 * server and a webhook receiver in this process; nothing mocked.
 */
export async function startTestNotifications(label: string, env: Record<string, string> = {}): Promise<RunningNotifications> {
  const database = await createTestDatabase(label);
  const messaging = testMessaging();
  const mailbox = await Mailbox.start();
  const receiver = await WebhookReceiver.start();
  const config = loadConfig(NotificationsConfig, {
    PORT: '0',
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: '8',
    NATS_URL: messaging.natsUrl,
    NATS_SUBJECT_PREFIX: messaging.subjectPrefix,
    NATS_STREAM_PREFIX: messaging.streamPrefix,
    AUTH_JWT_SECRET: JWT_SECRET,
    SMTP_URL: mailbox.url,
    WEB_ORIGIN: 'https://liaison.example.org',
    WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
    WEBHOOK_RETRY_BASE_MS: '50',
    EMAIL_RETRY_BASE_MS: '50',
    DELIVERY_POLL_MS: '200',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const issuer = new TokenIssuer({ jwtSecret: JWT_SECRET });
  const bus = await JetStreamBus.connect(messaging.natsUrl, 'notifications-test-publisher', { ...messaging, retry: DEFAULT_RETRY_POLICY });
  const js = jetstream(bus.connection);
  const db = new Client({ connectionString: database.url });
  await db.connect();

  const running = {} as RunningNotifications;
  const startApp = async () => {
    running.app = await startNotifications(config);
    const server = running.app.getHttpServer();
    running.http = request(server);
    running.origin = `http://127.0.0.1:${server.address().port}`;
  };
  const stopApp = async () => {
    await running.app?.close();
  };
  await startApp();
  Object.assign(running, {
    messaging,
    databaseUrl: database.url,
    mailbox,
    receiver,
    startApp,
    stopApp,
    publish: async (event: LiaisonEvent, messageId = event.id) => {
      const definition = definitionByType(event.type);
      if (!definition) throw new Error(`not in the catalog: ${event.type}`);
      // as the relay publishes, or (another message id) as a relay re-publishing after the duplicate window
      await js.publish(`${messaging.subjectPrefix}${definition.subject}`, JSON.stringify(event), { msgID: messageId });
    },
    query: async (sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows,
    token: async (viewer: Viewer) => (await issuer.issue(viewer)).accessToken,
    restart: async () => {
      await stopApp();
      await startApp();
    },
    events: (subject?: string) =>
      storedMessages(messaging.natsUrl, `${messaging.streamPrefix}LIAISON_EVENTS`, subject ? `${messaging.subjectPrefix}${subject}` : undefined),
    stop: async () => {
      await stopApp();
      await bus.close();
      await db.end();
      await mailbox.close();
      await receiver.close();
      await database.drop();
      await removeTestStreams(messaging);
    },
  });
  return running;
}

/** Waits until `check` holds, polling; fails with the last value when it never does. */
export async function until<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!check(value)) {
    // A wait that ran out fails here, where it waited, not later (or never) in an assertion.
    if (Date.now() >= deadline) throw new Error(`until: not there after ${timeoutMs} ms; last read: ${JSON.stringify(value)?.slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}
