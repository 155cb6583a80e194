import { randomBytes } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { testNatsUrl } from './servers';

/**
 * A subject prefix and stream names of one test file's own, so that test files running in
 * parallel on one NATS never see each other's events.
 */
export interface TestMessaging {
  natsUrl: string;
  /** prepended to every subject: `t_ab12cd34.` + `liaison.organizations.…` */
  subjectPrefix: string;
  /** prepended to every stream name: `T_AB12CD34_` + `LIAISON_EVENTS` */
  streamPrefix: string;
}

export function testMessaging(): TestMessaging {
  const id = randomBytes(4).toString('hex');
  return { natsUrl: testNatsUrl(), subjectPrefix: `t_${id}.`, streamPrefix: `T_${id.toUpperCase()}_` };
}

/**
 * Deletes the streams of a test file's own prefix, as `createTestDatabase`'s `drop` does its
 * database: left behind, every test run added a pair of streams to the NATS it ran on (70 pairs
 * after a day's runs on one machine). Streams of other prefixes are never touched.
 */
export async function removeTestStreams(messaging: TestMessaging): Promise<void> {
  if (!/^T_[0-9A-F]{8}_$/.test(messaging.streamPrefix)) throw new Error(`not a test stream prefix: ${messaging.streamPrefix}`);
  const connection = await connect({ servers: messaging.natsUrl });
  try {
    const jsm = await jetstreamManager(connection);
    const names: string[] = [];
    for await (const name of jsm.streams.names()) if (name.startsWith(messaging.streamPrefix)) names.push(name);
    for (const name of names) await jsm.streams.delete(name);
  } finally {
    await connection.close();
  }
}
