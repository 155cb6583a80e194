import { DataSource } from 'typeorm';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import {
  BriefPublishedEvent,
  EXAMPLE_DATA,
  createEvent,
  type LiaisonEvent,
} from '@liaison/contracts';
import { createTestDatabase, removeTestStreams, testMessaging, type TestMessaging } from '@liaison/testing';
import { messagingEntities, messagingMigrations } from '../src/migrations';
import { provisionStreams } from '../src/jetstream/provision-streams';

/** A database of its own with the messaging tables and a `briefs` table standing for a service's domain. */
export async function messagingDatabase(label: string): Promise<{ url: string; dataSource: DataSource; drop: () => Promise<void> }> {
  const database = await createTestDatabase(label);
  const dataSource = new DataSource({
    type: 'postgres',
    url: database.url,
    entities: messagingEntities,
    migrations: messagingMigrations,
  });
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.query(`CREATE TABLE briefs (id uuid PRIMARY KEY, title text NOT NULL)`);
  return {
    url: database.url,
    dataSource,
    drop: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await database.drop();
    },
  };
}

/** Streams of this test's own (fresh prefixes), deleted again by `remove`. */
export async function testStreams(
  overrides: Partial<{ duplicateWindowMs: number }> = {},
): Promise<{ names: TestMessaging; connection: NatsConnection; jsm: JetStreamManager; remove: () => Promise<void> }> {
  const names = testMessaging();
  const connection = await connect({ servers: names.natsUrl });
  const jsm = await jetstreamManager(connection);
  await provisionStreams(jsm, { ...names, duplicateWindowMs: overrides.duplicateWindowMs ?? 120_000, maxAgeMs: 0 });
  return {
    names,
    connection,
    jsm,
    remove: async () => {
      await removeTestStreams(names);
      await connection.close();
    },
  };
}

/** A real catalog event (dialogues' brief.published) with a fresh id. */
export function briefPublished(traceparent?: string, title = 'Sahel situation update'): LiaisonEvent {
  const data = { ...EXAMPLE_DATA['liaison.brief.published.v1'], title };
  return createEvent(BriefPublishedEvent, {
    subject: data.briefId,
    data,
    classification: data.classification,
    originorg: data.originOrganizationId,
    sequence: 1,
    traceparent,
  });
}

/** Retries `check` until it stops throwing, or rethrows its last error after `timeoutMs`. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 8_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(25);
    }
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
