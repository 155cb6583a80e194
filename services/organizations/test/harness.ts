import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { loadConfig } from '@liaison/http';
import { createTestDatabase, removeTestStreams, storedMessages, testMessaging, TestMessaging } from '@liaison/testing';
import { OrganizationsConfig } from '../src/config';
import { startOrganizations } from '../src/start-organizations';

export const ADMIN = { email: 'admin@un.org', password: 'correct horse battery staple' };
export const JWT_SECRET = 'test-secret-test-secret-test-secret-42';

export interface RunningOrganizations {
  app: INestApplication;
  http: ReturnType<typeof request>;
  messaging: TestMessaging;
  databaseUrl: string;
  stop(): Promise<void>;
  /** what a plain JetStream reader finds on the events stream */
  events(subject?: string): ReturnType<typeof storedMessages>;
  token(email: string, password: string): Promise<string>;
}

/**
 * The real service on a database and subject prefix of this test file's own: the same start as
 * production (migrations, first-start registry, streams), nothing mocked.
 */
export async function startTestOrganizations(label: string): Promise<RunningOrganizations> {
  const database = await createTestDatabase(label);
  const messaging = testMessaging();
  const config = loadConfig(OrganizationsConfig, {
    PORT: '0',
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: '5',
    NATS_URL: messaging.natsUrl,
    NATS_SUBJECT_PREFIX: messaging.subjectPrefix,
    NATS_STREAM_PREFIX: messaging.streamPrefix,
    AUTH_JWT_SECRET: JWT_SECRET,
    LIAISON_ADMIN_EMAIL: ADMIN.email,
    LIAISON_ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'silent',
  });
  const app = await startOrganizations(config);
  const http = request(app.getHttpServer());
  return {
    app,
    http,
    messaging,
    databaseUrl: database.url,
    events: (subject) =>
      storedMessages(
        messaging.natsUrl,
        `${messaging.streamPrefix}LIAISON_EVENTS`,
        subject ? `${messaging.subjectPrefix}${subject}` : undefined,
      ),
    token: async (email, password) => {
      const response = await http.post('/api/v1/auth/token').send({ email, password }).expect(200);
      return response.body.accessToken as string;
    },
    stop: async () => {
      await app.close();
      await database.drop();
      await removeTestStreams(messaging);
    },
  };
}
