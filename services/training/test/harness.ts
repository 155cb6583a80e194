import { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { RegistryReplica } from '@liaison/registry';
import { eventually, startTestService, storedMessages, TEST_JWT_SECRET, TestMessaging, RegistryEvents } from '@liaison/testing';
import { TrainingConfig } from '../src/config';
import { trainingService } from '../src/training.module';

export const JWT_SECRET = TEST_JWT_SECRET;

export { auth, type Officer, type Organization, RegistryEvents, tokenFor } from '@liaison/testing';

export interface RunningTraining {
  app: INestApplication;
  http: ReturnType<typeof request>;
  messaging: TestMessaging;
  registry: RegistryEvents;
  databaseUrl: string;
  /** what a plain JetStream reader finds on the events stream (subject without the test prefix) */
  events(subject?: string): ReturnType<typeof storedMessages>;
  /** waits until the read model knows these organizations and officers */
  known(organizations: string[], officers: string[]): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The real service on a database and subject prefix of this test file's own, started as in
 * production (migrations, consumers replaying the stream, HTTP). `beforeStart` publishes registry
 * events before the service exists, so its read model is built by replay on an empty database.
 */
export async function startTestTraining(
  label: string,
  beforeStart: (registry: RegistryEvents) => Promise<void> = async () => undefined,
  /** a second replica: the same database and streams as this running one */
  shared?: RunningTraining,
): Promise<RunningTraining> {
  let registry!: RegistryEvents;
  const service = await startTestService(trainingService, TrainingConfig, {
    label,
    ...(shared ? { databaseUrl: shared.databaseUrl, messaging: shared.messaging } : {}),
    beforeStart: async (messaging) => {
      registry = shared ? shared.registry : await RegistryEvents.connect(messaging);
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
    stop: async () => {
      // a replica leaves the registry publisher, database and streams to the first instance
      if (!shared) await registry.close();
      await service.stop();
    },
  };
}

export { eventually };

/**
 * Time passing for one session: the API refuses a start in the past, so a test moves the session's
 * dates in the service's own table, as if the clock had run on; nothing else about it changes.
 */
export async function moveSession(training: RunningTraining, sessionId: string, startsAt: Date, endsAt: Date): Promise<void> {
  const database = new Client({ connectionString: training.databaseUrl });
  await database.connect();
  try {
    const { rowCount } = await database.query('UPDATE sessions SET starts_at = $2, ends_at = $3 WHERE id = $1', [sessionId, startsAt, endsAt]);
    if (rowCount !== 1) throw new Error(`no session ${sessionId} to move`);
  } finally {
    await database.end();
  }
}

/** Retries `check` until it stops throwing (an outbox relay publishes after the commit); fails with its last error when time runs out. */
export async function settled<T>(check: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** The CloudEvents found on the test's stream, typed loosely for assertions. */
export interface SeenEvent {
  type: string;
  subject: string;
  classification: string;
  data: Record<string, unknown>;
}

export async function seenEvents(training: RunningTraining, subject?: string): Promise<SeenEvent[]> {
  return (await training.events(subject)).map((m) => m.event as unknown as SeenEvent);
}
