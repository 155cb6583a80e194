import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { startTestService, storedMessages, TEST_JWT_SECRET, TestMessaging } from '@liaison/testing';
import { OrganizationsConfig } from '../src/config';
import { organizationsService } from '../src/organizations.module';

export const ADMIN = { email: 'admin@un.org', password: 'correct horse battery staple' };
export const JWT_SECRET = TEST_JWT_SECRET;

export interface RunningOrganizations {
  app: INestApplication;
  http: ReturnType<typeof request>;
  /** where it listens, for a client other than supertest */
  origin: string;
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
  const service = await startTestService(organizationsService, OrganizationsConfig, {
    label,
    env: { LIAISON_ADMIN_EMAIL: ADMIN.email, LIAISON_ADMIN_PASSWORD: ADMIN.password },
  });
  return Object.assign(service, {
    token: async (email: string, password: string) => {
      const response = await service.http.post('/api/v1/auth/token').send({ email, password }).expect(200);
      return response.body.accessToken as string;
    },
  });
}
