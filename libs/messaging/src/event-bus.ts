import type { LiaisonEvent } from '@liaison/contracts';
import { isDatabaseUnavailable } from '@liaison/persistence';

/**
 * The event transport port. JetStream (`JetStreamBus`) in deployments, memory (`InProcessBus`)
 * in the standalone mode; one contract suite (test/event-bus.contract.ts) holds both to it.
 * Subjects here are the catalog's (`liaison.dialogues.brief.published`), before any prefix.
 */
export abstract class EventBus {
  /** Stores the event once per event id; a repeat is acknowledged as a duplicate. */
  publish(subject: string, event: LiaisonEvent, traceparent?: string): Promise<{ duplicate: boolean }> {
    return this.publishSerialized(subject, { id: event.id, json: JSON.stringify(event) }, traceparent);
  }

  /**
   * `publish` of an event already in its wire form (the outbox keeps events so): published as it
   * is, without parsing and serializing it again.
   */
  abstract publishSerialized(subject: string, event: SerializedEvent, traceparent?: string): Promise<{ duplicate: boolean }>;

  /**
   * Delivers every event on `subject`, from the first one kept, to `handler` under the durable
   * name `consumer`, resuming where that consumer left off. A handler that resolves acknowledges
   * the event; one that throws has it redelivered with back-off until `RetryPolicy.maxDeliver`,
   * then it becomes a dead letter. `UnprocessableEvent` makes it a dead letter at once.
   * A subscription runs up to the bus's `concurrency` handlers at once (default 1); above 1,
   * events of one subject may finish out of order (consumers order by the aggregate's `sequence`).
   */
  abstract subscribe(consumer: string, subject: string, handler: DeliveryHandler): Promise<EventSubscription>;

  /** Forgets what `consumer` has handled, so its next subscription starts from the first event. */
  abstract resetConsumer(consumer: string, subject: string): Promise<void>;

  /** Dead letters oldest first (see `DeadLetterFilter`); at most `limit` (default 100). */
  abstract listDeadLetters(filter?: DeadLetterFilter): Promise<DeadLetter[]>;

  /**
   * Hands the dead letter's event to its consumer's handler in this process (the consuming
   * service replays its own dead letters, publishing nothing on the event's subject, which
   * belongs to another service), then removes the dead letter. The handler records the event in
   * its inbox, so the event takes effect once however often it is replayed. A handler that fails
   * again sets the event aside as a new dead letter with the new error; an outage (`isOutage`)
   * leaves the dead letter as it was and rejects. `DeadLetterNotReplayable` when the consumer has
   * no handler here or the message is not an event.
   */
  abstract replayDeadLetter(id: string): Promise<void>;

  /** Drops a dead letter for good (an operator decided the event is not to be handled). */
  abstract discardDeadLetter(id: string): Promise<void>;

  /**
   * A content-free signal to every process listening on `subject` (every replica of a service, on
   * a deployment's NATS; this process alone in the standalone mode), e.g. "new inbox items for
   * this officer committed, look again". Not kept and not retried: a lost nudge only delays a
   * listener until it looks by itself. `subject` is a core subject outside the events' `liaison.>`
   * (JetStream must not keep it), before any prefix. Never throws.
   */
  abstract nudge(subject: string): void;

  /** Calls `onNudge` for every nudge on `subject` until the returned function is called. */
  abstract listenForNudges(subject: string, onNudge: () => void): () => void;

  abstract isConnected(): boolean;

  /** Stops every subscription (waiting for handlers under way) and releases the transport. */
  abstract close(): Promise<void>;
}

/** A CloudEvent's JSON text, with its id (JetStream deduplicates on it). */
export interface SerializedEvent {
  id: string;
  json: string;
}

export interface Delivery {
  event: LiaisonEvent;
  subject: string;
  consumer: string;
  /** 1 on the first delivery */
  deliveryCount: number;
  traceparent?: string;
}

export type DeliveryHandler = (delivery: Delivery) => Promise<void>;

export interface EventSubscription {
  /** Stops delivering; resolves once every handler under way (if any) has finished. */
  close(): Promise<void>;
}

export interface DeadLetter {
  /** opaque reference for `replayDeadLetter` */
  id: string;
  /** the original subject, before any prefix */
  subject: string;
  consumer: string;
  deliveries: number;
  error: string;
  /** the event as received; `undefined` when the message was not a JSON event at all */
  event: LiaisonEvent | undefined;
  traceparent?: string;
  deadAt: Date;
}

/** Which dead letters a list gives: of one consumer, or of one service's consumers (`<service>__…`). */
export interface DeadLetterFilter {
  consumer?: string;
  service?: string;
  /** the last letter of the page before: only letters after it, so an operator can page through all */
  after?: DeadLetterPosition;
  limit?: number;
}

/** Where a dead letter stands in the list: when it was set aside, and its id. */
export type DeadLetterPosition = Pick<DeadLetter, 'id' | 'deadAt'>;

export function matchesDeadLetterFilter(letter: DeadLetter, filter: DeadLetterFilter): boolean {
  if (filter.consumer && letter.consumer !== filter.consumer) return false;
  return !filter.service || !!letter.consumer?.startsWith(`${filter.service}__`);
}

/** Oldest first, to the millisecond, then by id: the order of the in-process bus's lists. */
export function compareDeadLetters(a: DeadLetterPosition, b: DeadLetterPosition): number {
  return a.deadAt.getTime() - b.deadAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Redelivery with back-off, then a dead letter. */
export interface RetryPolicy {
  /** deliveries in all, the first included */
  maxDeliver: number;
  /** delay before redelivery n+1 is `backoffMs[n-1]`; the last value repeats */
  backoffMs: number[];
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxDeliver: 5, backoffMs: [1_000, 5_000, 30_000, 120_000] };

export function redeliveryDelay(policy: RetryPolicy, deliveryCount: number): number {
  const { backoffMs } = policy;
  return backoffMs[Math.min(deliveryCount, backoffMs.length) - 1] ?? 0;
}

/** Thrown by a handler (or the transport's validation) when retrying cannot help: dead letter at once. */
export class UnprocessableEvent extends Error {
  override readonly name = 'UnprocessableEvent';
}

/** The CloudEvent a message's text holds, or undefined when it holds no JSON object with an id. */
export function parseEvent(text: string): LiaisonEvent | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && 'id' in value ? (value as LiaisonEvent) : undefined;
  } catch {
    return undefined;
  }
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  if (typeof error === 'object' && error !== null && 'message' in error) return String(error.message);
  return String(error);
}

/** A dead letter that this process cannot replay (its consumer has no handler here, or it is not an event); it stays listed. */
export class DeadLetterNotReplayable extends Error {
  override readonly name = 'DeadLetterNotReplayable';
}

/** A handler's dependency (its database, a service it needs) is out of reach: an outage, not the event's fault. */
export class DependencyUnavailable extends Error {
  override readonly name = 'DependencyUnavailable';
}

/** Whether a handler's failure is an outage to wait out rather than a failure of the event itself. */
export function isOutage(error: unknown): boolean {
  return error instanceof DependencyUnavailable || isDatabaseUnavailable(error);
}

/** How long to wait before trying a handler again during an outage: doubling from 100 ms to 5 s. */
export function outageDelay(attempt: number): number {
  return Math.min(5_000, 100 * 2 ** Math.min(attempt, 6));
}
