import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { Client } from 'pg';
import { jetstream } from '@nats-io/jetstream';
import { TokenIssuer, type Viewer } from '@liaison/auth';
import { createEvent, definitionByType, type LiaisonEvent, OfficerJoinedEvent } from '@liaison/contracts';
import { DEFAULT_RETRY_POLICY, JetStreamBus } from '@liaison/messaging';
import { startTestService, storedMessages, TEST_JWT_SECRET, type TestMessaging } from '@liaison/testing';
import { NotificationsConfig } from '../src/config';
import { notificationsService } from '../src/notifications.module';
import { Mailbox } from './support/mailbox';
import { WebhookReceiver } from './support/webhook-receiver';

export const JWT_SECRET = TEST_JWT_SECRET;

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
  /**
   * A token for the viewer. A token is honoured only while the registry read model knows its
   * officer (organization, roles): an officer the test never registered is registered first,
   * with an officer.joined as the organizations service would publish it (unless `register: false`).
   */
  token(viewer: Viewer, options?: { register?: boolean }): Promise<string>;
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
  const mailbox = await Mailbox.start();
  const receiver = await WebhookReceiver.start();
  const service = await startTestService(notificationsService, NotificationsConfig, {
    label,
    env: {
      DATABASE_POOL_SIZE: '8',
      SMTP_URL: mailbox.url,
      WEB_ORIGIN: 'https://liaison.example.org',
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
      WEBHOOK_RETRY_BASE_MS: '50',
      EMAIL_RETRY_BASE_MS: '50',
      DELIVERY_POLL_MS: '200',
      // a key of the test's own, as production requires one
      LIAISON_SECRET_KEY: randomBytes(32).toString('base64'),
      ...env,
    },
  });
  const { messaging } = service;
  const stopService = service.stop;
  const issuer = new TokenIssuer({ jwtSecret: JWT_SECRET });
  const bus = await JetStreamBus.connect(messaging.natsUrl, 'notifications-test-publisher', { ...messaging, retry: DEFAULT_RETRY_POLICY });
  const js = jetstream(bus.connection);
  const db = new Client({ connectionString: service.databaseUrl });
  await db.connect();

  return Object.assign(service, {
    mailbox,
    receiver,
    publish: async (event: LiaisonEvent, messageId = event.id) => {
      const definition = definitionByType(event.type);
      if (!definition) throw new Error(`not in the catalog: ${event.type}`);
      // as the relay publishes, or (another message id) as a relay re-publishing after the duplicate window
      await js.publish(`${messaging.subjectPrefix}${definition.subject}`, JSON.stringify(event), { msgID: messageId });
    },
    query: async (sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows,
    token: async (viewer: Viewer, { register = true }: { register?: boolean } = {}) => {
      if (!register) return (await issuer.issue(viewer)).accessToken;
      const known = async () => (await db.query('SELECT 1 FROM registry_officers WHERE id = $1', [viewer.officerId])).rows;
      // the test may have published its officer.joined a moment ago: give it the chance to land first
      const landed = await until(known, (rows) => rows.length > 0, 1_000).catch(() => []);
      if (landed.length === 0) {
        const data = { officerId: viewer.officerId, organizationId: viewer.organizationId, email: `${viewer.officerId.slice(-12)}@registered.example.org`, name: 'Registered by the test', language: 'en' as const, roles: viewer.roles };
        const joined = createEvent(OfficerJoinedEvent, { subject: viewer.officerId, classification: 'green', originorg: viewer.organizationId, sequence: 1, data });
        await js.publish(`${messaging.subjectPrefix}${OfficerJoinedEvent.subject}`, JSON.stringify(joined), { msgID: joined.id });
        await until(known, (rows) => rows.length > 0);
      }
      return (await issuer.issue(viewer)).accessToken;
    },
    restart: async () => {
      await service.stopApp();
      await service.startApp();
    },
    stop: async () => {
      await service.stopApp();
      await bus.close();
      await db.end();
      await mailbox.close();
      await receiver.close();
      await stopService();
    },
  });
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
