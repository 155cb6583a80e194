import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { loadConfig, type ServiceConfig } from '@liaison/http';
import { startService, type ServiceDefinition } from '@liaison/kit';
import { storedMessages } from './stored-events';
import { createTestDatabase } from './test-database';
import { removeTestStreams, testMessaging, type TestMessaging } from './test-messaging';

/** The HS256 secret every test service and test token shares. */
export const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret-42';

export interface TestService {
  app: INestApplication;
  http: ReturnType<typeof request>;
  /** http://127.0.0.1:<port> of the running app */
  origin: string;
  messaging: TestMessaging;
  databaseUrl: string;
  /** what a plain JetStream reader finds on the events stream (subject without the test prefix) */
  events(subject?: string): ReturnType<typeof storedMessages>;
  /** stops the app only (not its database or streams) */
  stopApp(): Promise<void>;
  /** starts the app again on the same database and streams */
  startApp(): Promise<void>;
  /** stops the app and removes the test file's database and streams */
  stop(): Promise<void>;
}

export interface TestServiceOptions {
  /** names the test database (default: the service's name) */
  label?: string;
  /** more environment, over the defaults (test database, prefixes, secret, silent logs) */
  env?: Record<string, string>;
  /** share another test service's streams (two services, or two replicas, in one test) */
  messaging?: TestMessaging;
  /** share a database (a second replica of the same service) */
  databaseUrl?: string;
  /** runs on the test's streams before the service starts (events it will find by replay) */
  beforeStart?: (messaging: TestMessaging) => Promise<void>;
}

/**
 * A real service for one test file, started as in production (migrations, consumers replaying the
 * stream, HTTP on a free port) on a database and stream prefix of the file's own; nothing mocked.
 */
export async function startTestService<C extends ServiceConfig>(
  definition: ServiceDefinition<C>,
  schema: new () => C,
  options: TestServiceOptions = {},
): Promise<TestService> {
  const database = options.databaseUrl ? { url: options.databaseUrl, drop: async () => undefined } : await createTestDatabase(options.label ?? definition.name);
  const messaging = options.messaging ?? testMessaging();
  await options.beforeStart?.(messaging);
  const config = loadConfig(schema, {
    PORT: '0',
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: '5',
    NATS_URL: messaging.natsUrl,
    NATS_SUBJECT_PREFIX: messaging.subjectPrefix,
    NATS_STREAM_PREFIX: messaging.streamPrefix,
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const running = {} as TestService;
  const startApp = async () => {
    running.app = await startService(definition, config);
    const server = running.app.getHttpServer();
    running.http = request(server);
    running.origin = `http://127.0.0.1:${server.address().port}`;
  };
  const stopApp = async () => {
    await running.app?.close();
  };
  await startApp();
  return Object.assign(running, {
    messaging,
    databaseUrl: database.url,
    startApp,
    stopApp,
    events: (subject?: string) =>
      storedMessages(messaging.natsUrl, `${messaging.streamPrefix}LIAISON_EVENTS`, subject ? `${messaging.subjectPrefix}${subject}` : undefined),
    stop: async () => {
      await stopApp();
      await database.drop();
      // streams given by the caller are the caller's to remove
      if (!options.messaging) await removeTestStreams(messaging);
    },
  });
}
