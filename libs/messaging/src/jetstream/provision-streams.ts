import { DiscardPolicy, JetStreamApiCodes, JetStreamApiError, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import type { JetStreamManager, StreamConfig } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import {
  DEAD_LETTER_SUBJECT_ROOT,
  EVENTS_SUBJECT_ROOT,
  type MessagingNames,
  deadLetterStreamName,
  eventsStreamName,
} from '../wire-names';

export interface StreamOptions extends MessagingNames {
  /** repeats of an event id within this window are dropped; covers relay re-sends after a crash */
  duplicateWindowMs: number;
  /** how long events are kept; 0 keeps them forever (a new service replays from the first one) */
  maxAgeMs: number;
  /** dead letters are kept until replayed, or this long; 0 keeps them forever */
  deadLetterMaxAgeMs?: number;
  /** 3 in production (see STACK.md, NATS durability) */
  replicas?: number;
}

/** Creates the events and dead-letter streams, or brings their settings up to date. Run at boot. */
export async function provisionStreams(jsm: JetStreamManager, options: StreamOptions): Promise<void> {
  const common: Partial<StreamConfig> = {
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    num_replicas: options.replicas ?? 1,
  };
  await createOrUpdate(jsm, {
    ...common,
    name: eventsStreamName(options),
    subjects: [`${options.subjectPrefix}${EVENTS_SUBJECT_ROOT}.>`],
    max_age: nanos(options.maxAgeMs),
    duplicate_window: nanos(options.duplicateWindowMs),
  });
  await createOrUpdate(jsm, {
    ...common,
    name: deadLetterStreamName(options),
    subjects: [`${options.subjectPrefix}${DEAD_LETTER_SUBJECT_ROOT}.>`],
    max_age: nanos(options.deadLetterMaxAgeMs ?? 0),
    duplicate_window: nanos(options.duplicateWindowMs),
  });
}

async function createOrUpdate(jsm: JetStreamManager, config: Partial<StreamConfig> & { name: string }): Promise<void> {
  let existing: StreamConfig;
  try {
    existing = (await jsm.streams.info(config.name)).config;
  } catch (error) {
    if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound) {
      await jsm.streams.add(config);
      return;
    }
    throw error;
  }
  // Storage and retention cannot change in place; NATS refuses and the service fails at boot, as it should.
  await jsm.streams.update(config.name, settledStreamConfig(existing, config));
}

/**
 * What a starting service asks of a stream that exists: its settings, except that it never
 * lowers what an operator (or another service) set higher — replicas, and how long events are
 * kept (0 is forever). Settings it does not name (limits on messages or bytes) stay as they are.
 */
export function settledStreamConfig(existing: Pick<StreamConfig, 'num_replicas' | 'max_age'>, wanted: Partial<StreamConfig>): Partial<StreamConfig> {
  const longer = (a: number, b: number) => (a === 0 || b === 0 ? 0 : Math.max(a, b));
  return {
    ...wanted,
    num_replicas: Math.max(existing.num_replicas ?? 1, wanted.num_replicas ?? 1),
    max_age: longer(existing.max_age ?? 0, wanted.max_age ?? 0),
  };
}

/** Fails, naming the stream, when one of the streams is missing (an operator provisions them). */
export async function verifyStreams(jsm: JetStreamManager, names: MessagingNames): Promise<void> {
  for (const name of [eventsStreamName(names), deadLetterStreamName(names)]) {
    try {
      await jsm.streams.info(name);
    } catch (error) {
      if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound) {
        throw new Error(`The stream ${name} does not exist: an operator creates it (deploy/nats/provision-streams.js), or set EVENTS_PROVISION_STREAMS=true`);
      }
      throw error;
    }
  }
}
