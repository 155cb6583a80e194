/**
 * Wire names of the messaging layer. Streams, consumers, headers and the Postgres channel are
 * read by other services, partner systems and stored state (stream contents, durable consumer
 * positions): changing any of them needs a migration (new stream and a copy, or consumers
 * re-created), never a plain rename. Event subjects and types live in `libs/contracts`.
 */

/** The stream that keeps every event, `liaison.>`. */
export const EVENTS_STREAM = 'LIAISON_EVENTS';
/** The stream that keeps events a consumer gave up on, with the reason in headers. */
export const DEAD_LETTER_STREAM = 'LIAISON_DLQ';
/** Every event subject starts with this token (see `defineEvent` in libs/contracts). */
export const EVENTS_SUBJECT_ROOT = 'liaison';
/** Dead letters: `liaison-dlq.<consumer>.<original subject>`; outside `liaison.>` on purpose. */
export const DEAD_LETTER_SUBJECT_ROOT = 'liaison-dlq';

/**
 * Replies to a service's NATS requests (JetStream API calls, publish acks, pulled messages) come
 * on `_INBOX.<service>.>`, so its NATS user may subscribe to its own replies only
 * (deploy/nats/accounts.conf).
 */
export function natsInboxPrefix(service: string): string {
  return `_INBOX.${service}`;
}

/** Postgres channel the outbox notifies on commit so the relay wakes at once. */
export const OUTBOX_CHANNEL = 'liaison_outbox';

/** NATS headers carried with each event and dead letter. */
export const HEADERS = {
  traceparent: 'traceparent',
  contentType: 'Content-Type',
  /** set by the client from `msgID`; JetStream drops a repeat within the duplicate window */
  messageId: 'Nats-Msg-Id',
  deadLetterError: 'Liaison-Dead-Letter-Error',
  deadLetterSubject: 'Liaison-Dead-Letter-Subject',
  deadLetterConsumer: 'Liaison-Dead-Letter-Consumer',
  deadLetterDeliveries: 'Liaison-Dead-Letter-Deliveries',
  deadLetterStreamSequence: 'Liaison-Dead-Letter-Stream-Sequence',
} as const;

export const CLOUDEVENTS_CONTENT_TYPE = 'application/cloudevents+json';

/**
 * The durable consumer of one service for one event subject:
 * `notifications__liaison_dialogues_brief_published`. It is also the inbox's consumer key, so a
 * service's handled events are tracked per subscription.
 */
export function durableConsumerName(service: string, subject: string): string {
  return `${service}__${subject.replace(/[.*>\s]/g, '_')}`;
}

/** Where names land on one deployment (or one test file): production prefixes are empty. */
export interface MessagingNames {
  /** prepended to every subject, e.g. `t_ab12cd34.` in tests */
  subjectPrefix: string;
  /** prepended to every stream name, e.g. `T_AB12CD34_` in tests */
  streamPrefix: string;
}

export function eventsStreamName(names: MessagingNames): string {
  return `${names.streamPrefix}${EVENTS_STREAM}`;
}

export function deadLetterStreamName(names: MessagingNames): string {
  return `${names.streamPrefix}${DEAD_LETTER_STREAM}`;
}
