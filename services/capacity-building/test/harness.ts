import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { RegistryReplica } from '@liaison/registry';
import { eventually, startTestService, storedMessages, TEST_JWT_SECRET, TestMessaging, type TestService, RegistryEvents } from '@liaison/testing';
import { CapacityBuildingConfig } from '../src/config';
import { capacityBuildingService } from '../src/capacity-building.module';

export const JWT_SECRET = TEST_JWT_SECRET;

export { auth, type Officer, type Organization, RegistryEvents, tokenFor } from '@liaison/testing';

export interface RunningCapacityBuilding {
  app: INestApplication;
  http: ReturnType<typeof request>;
  messaging: TestMessaging;
  registry: RegistryEvents;
  databaseUrl: string;
  /** what a plain JetStream reader finds on the events stream (subject without the test prefix) */
  events(subject?: string): ReturnType<typeof storedMessages>;
  /** waits until the read model knows these organizations and officers */
  known(organizations: string[], officers: string[]): Promise<void>;
  /** another instance of the service on the same database and streams, as a second replica */
  replica(env?: Record<string, string>): Promise<TestService>;
  stop(): Promise<void>;
}

/**
 * The real service on a database and subject prefix of this test file's own, started as in
 * production (migrations, consumers replaying the stream, HTTP). `beforeStart` publishes registry
 * events before the service exists, so its read model is built by replay on an empty database.
 */
export async function startTestCapacityBuilding(
  label: string,
  beforeStart: (registry: RegistryEvents) => Promise<void> = async () => undefined,
  env: Record<string, string> = {},
): Promise<RunningCapacityBuilding> {
  let registry!: RegistryEvents;
  const replicas: TestService[] = [];
  const service = await startTestService(capacityBuildingService, CapacityBuildingConfig, {
    label,
    env,
    beforeStart: async (messaging) => {
      registry = await RegistryEvents.connect(messaging);
      await beforeStart(registry);
    },
  });
  const replica = service.app.get(RegistryReplica);
  return {
    app: service.app,
    http: service.http,
    messaging: service.messaging,
    registry,
    databaseUrl: service.databaseUrl,
    events: service.events,
    known: async (organizations, officers) => {
      const unknown = async () => [...(await replica.unknownOrganizations(organizations)), ...(await replica.unknownOfficers(officers))];
      const deadline = Date.now() + 15_000;
      while ((await unknown()).length > 0) {
        if (Date.now() > deadline) throw new Error(`the read model never learned of ${(await unknown()).join(', ')}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    replica: async (more = {}) => {
      const replica = await startTestService(capacityBuildingService, CapacityBuildingConfig, {
        databaseUrl: service.databaseUrl,
        messaging: service.messaging,
        env: { ...env, ...more },
      });
      replicas.push(replica);
      return replica;
    },
    stop: async () => {
      for (const replica of replicas) await replica.stop();
      await registry.close();
      await service.stop();
    },
  };
}


export { eventually };
