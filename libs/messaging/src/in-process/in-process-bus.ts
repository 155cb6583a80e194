import { EventEmitter } from 'node:events';
import { Logger, type LoggerService } from '@nestjs/common';
import {
  type DeadLetter,
  type DeadLetterFilter,
  type DeliveryHandler,
  EventBus,
  type EventSubscription,
  type RetryPolicy,
  type SerializedEvent,
  UnprocessableEvent,
  errorMessage,
  isOutage,
  outageDelay,
  parseEvent,
  redeliveryDelay,
} from '../event-bus';
import { replayToHandler } from '../dead-letter-replay';
import { type DeadLetterStore, MemoryDeadLetters } from './dead-letter-store';

export interface InProcessBusOptions {
  retry: RetryPolicy;
  /** repeats of an event id within this window are dropped, like JetStream's duplicate window */
  duplicateWindowMs?: number;
  /** handlers in flight at once per subscription; default 1 (one event at a time) */
  concurrency?: number;
  /**
   * Makes the bus durable (the standalone host): the services' outbox tables are the log and the
   * bus only carries events between them. See the class comment.
   */
  history?: EventHistory;
  /** where dead letters are kept; memory by default (the standalone host keeps them in the services' databases) */
  deadLetters?: DeadLetterStore;
  /** where its lines go; Nest's process-wide logger by default (a service passes its own, see ServiceLog) */
  logger?: LoggerService;
}

/** Where a durable bus finds the events of the past: the outbox rows of every service. */
export interface EventHistory {
  /** Every event kept on `subject`, oldest first, sent or not (a repeat is harmless: inboxes skip it). */
  read(subject: string): AsyncIterable<HistoricEvent>;
}

export interface HistoricEvent {
  event: SerializedEvent;
  traceparent?: string;
}

/** One event as carried: its JSON text, parsed afresh for each delivery (as over a wire). */
class Entry {
  /** durable mode: the consumers that have yet to settle it, and the publisher waiting for them */
  waiting: Set<ConsumerState> | undefined;
  settled: { resolve: () => void; reject: (error: Error) => void } | undefined;

  constructor(
    readonly subject: string,
    /** the id it was published under (the outbox row's) */
    readonly id: string,
    readonly json: string,
    readonly traceparent?: string,
  ) {}
}

/** What one durable consumer has been given and not yet settled. Kept while it is unsubscribed. */
class ConsumerState {
  /** log position (counted from the first event ever appended) of the next event not yet looked at */
  cursor: number;
  /** events due for delivery, in order */
  readonly due: Entry[] = [];
  /** events delivered and not settled (due, waiting for back-off, or under way) */
  readonly unsettled = new Set<Entry>();
  readonly deliveries = new Map<Entry, number>();
  readonly backoffTimers = new Set<NodeJS.Timeout>();
  handler: DeliveryHandler | undefined;
  /** deliveries whose handler has not settled yet */
  readonly inFlight = new Set<Promise<void>>();

  constructor(
    readonly subject: string,
    cursor: number,
  ) {
    this.cursor = cursor;
  }
}

/** Log entries every consumer has passed that are let go at once (fewer wait for more). */
const TRIM_AT = 1024;

/**
 * The event bus in memory, for the standalone mode (one process): same semantics as JetStream
 * (dedup by event id, durable consumers that replay history and resume, back-off, dead letters).
 *
 * Without `history` it keeps nothing: everything is lost when the process ends. With `history`
 * (durable mode) the outbox tables keep the events and the bus makes the relay's mark honest:
 * `publish` resolves only once every consumer of the subject known to the bus has settled the
 * event (its handler committed, or it became a dead letter), so a row is marked sent only after
 * every local consumer committed it, and a crash at any moment leaves it unsent, to be published
 * again at the next start (the inboxes skip what was already handled). A consumer new to the
 * process starts with what is published from then on; one that was reset (the transport resets
 * a consumer whose inbox is empty: a new database) is first fed the subject's history. Events
 * every consumer has passed are let go, so memory does not grow with the traffic. `close`
 * rejects the publishes still waiting: their rows stay unsent.
 */
export class InProcessBus extends EventBus {
  private readonly logger: LoggerService;
  /** the events not yet let go; `base` is the position of the first */
  private readonly log: Entry[] = [];
  private base = 0;
  /** ids published, with the time each settled: a repeat within the window is a duplicate */
  private readonly published = new Map<string, number>();
  /** ids whose first publication waits for its consumers: a repeat shares its outcome */
  private readonly publishing = new Map<string, Promise<void>>();
  private readonly consumers = new Map<string, ConsumerState>();
  /** durable mode: consumers to feed the history to at their next subscription */
  private readonly replayNext = new Set<string>();
  /** durable mode: events whose publisher waits for consumers */
  private readonly pending = new Set<Entry>();
  private readonly deadLetters: DeadLetterStore;
  /** nudges, by subject: one process, so memory is every replica there is */
  private readonly nudges = new EventEmitter().setMaxListeners(0);
  private closed = false;
  private readonly concurrency: number;

  constructor(private readonly options: InProcessBusOptions) {
    super();
    this.logger = options.logger ?? new Logger(InProcessBus.name);
    this.concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
    this.deadLetters = options.deadLetters ?? new MemoryDeadLetters();
  }

  async publishSerialized(subject: string, event: SerializedEvent, traceparent?: string): Promise<{ duplicate: boolean }> {
    this.forgetOldIds();
    if (this.published.has(event.id)) return { duplicate: true };
    const earlier = this.publishing.get(event.id);
    if (earlier) {
      // the first publication's outcome is this one's too: a repeat is not acknowledged before it
      await earlier;
      return { duplicate: true };
    }
    const done = this.append(new Entry(subject, event.id, event.json, traceparent));
    this.publishing.set(event.id, done);
    try {
      await done;
      this.published.set(event.id, Date.now());
    } finally {
      // a publication that failed is not kept: its row stays unsent and is published again
      this.publishing.delete(event.id);
    }
    return { duplicate: false };
  }

  async subscribe(consumer: string, subject: string, handler: DeliveryHandler): Promise<EventSubscription> {
    let state = this.consumers.get(consumer);
    if (state?.handler) throw new Error(`Consumer ${consumer} is already subscribed`);
    if (!state) {
      state = new ConsumerState(subject, this.options.history ? this.base + this.log.length : 0);
      this.consumers.set(consumer, state);
    }
    if (this.options.history && this.replayNext.delete(consumer)) await this.feedHistory(state, this.options.history);
    if (state.handler) throw new Error(`Consumer ${consumer} is already subscribed`);
    state.handler = handler;
    state.due.push(...state.unsettled);
    this.catchUp(state);
    this.drain(consumer, state);
    const subscribed = state;
    return {
      close: async () => {
        subscribed.handler = undefined;
        subscribed.due.length = 0;
        subscribed.backoffTimers.forEach(clearTimeout);
        subscribed.backoffTimers.clear();
        await Promise.all(subscribed.inFlight);
      },
    };
  }

  async resetConsumer(consumer: string): Promise<void> {
    const state = this.consumers.get(consumer);
    if (state?.handler) throw new Error(`Consumer ${consumer} is subscribed; close it before resetting`);
    this.consumers.delete(consumer);
    if (!this.options.history) return;
    // what it had not settled comes back with the history: publishers no longer wait for it
    if (state) for (const entry of [...this.pending]) this.release(entry, state);
    this.replayNext.add(consumer);
  }

  async listDeadLetters(filter: DeadLetterFilter = {}): Promise<DeadLetter[]> {
    return this.deadLetters.list({ ...filter, limit: filter.limit ?? 100 });
  }

  /**
   * Hands the event to its consumer's handler (see EventBus.replayDeadLetter); nothing is
   * appended, so no publisher waits and no other consumer sees it again. Failing again, it is
   * set aside anew (the store replaces the old dead letter).
   */
  async replayDeadLetter(id: string): Promise<void> {
    const letter = await this.deadLetters.get(id);
    if (!letter) throw new Error(`No dead letter ${id}`);
    const failure = await replayToHandler(letter, this.consumers.get(letter.consumer)?.handler);
    if (failure === undefined) await this.deadLetters.remove(id);
    else {
      const { subject, consumer, traceparent, deliveries, event } = letter;
      await this.deadLetters.add({ subject, consumer, traceparent, eventId: event!.id, json: JSON.stringify(event), deliveries: deliveries + 1, error: failure });
    }
  }

  async discardDeadLetter(id: string): Promise<void> {
    if (!(await this.deadLetters.remove(id))) throw new Error(`No dead letter ${id}`);
  }

  /** Tries the handler again while it fails because a dependency is out of reach, without spending a delivery (see JetStreamBus). */
  private async throughOutages(handle: () => Promise<void>): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await handle();
        return;
      } catch (error) {
        if (!isOutage(error) || this.closed) throw error;
        await new Promise((resolve) => setTimeout(resolve, outageDelay(attempt)));
      }
    }
  }

  nudge(subject: string): void {
    if (this.closed) return;
    try {
      this.nudges.emit(subject);
    } catch (error) {
      this.logger.warn(`a listener of ${subject} failed: ${errorMessage(error)}`);
    }
  }

  listenForNudges(subject: string, onNudge: () => void): () => void {
    if (this.closed) return () => undefined;
    this.nudges.on(subject, onNudge);
    return () => this.nudges.off(subject, onNudge);
  }

  isConnected(): boolean {
    return !this.closed;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.nudges.removeAllListeners();
    for (const entry of this.pending) entry.settled?.reject(new Error('The in-process bus closed before every consumer handled the event'));
    this.pending.clear();
    await Promise.all(
      [...this.consumers.values()].map(async (state) => {
        state.handler = undefined;
        state.backoffTimers.forEach(clearTimeout);
        await Promise.all(state.inFlight);
      }),
    );
  }

  /** Appends to the log; resolves when the publisher may consider the event delivered. */
  private append(entry: Entry): Promise<void> {
    if (this.closed) return Promise.reject(new Error('The in-process bus is closed'));
    this.log.push(entry);
    let done = Promise.resolve();
    if (this.options.history) {
      const waiting = new Set([...this.consumers.values()].filter((state) => state.subject === entry.subject));
      if (waiting.size > 0) {
        done = new Promise((resolve, reject) => (entry.settled = { resolve, reject }));
        entry.waiting = waiting;
        this.pending.add(entry);
      }
    }
    for (const [consumer, state] of this.consumers) {
      if (!state.handler) continue; // an unsubscribed consumer catches up when it subscribes again
      this.catchUp(state);
      this.drain(consumer, state);
    }
    if (this.options.history) this.trim();
    return done;
  }

  private async feedHistory(state: ConsumerState, history: EventHistory): Promise<void> {
    for await (const { event, traceparent } of history.read(state.subject)) {
      const entry = new Entry(state.subject, event.id, event.json, traceparent);
      state.unsettled.add(entry);
    }
  }

  private catchUp(state: ConsumerState): void {
    for (; state.cursor < this.base + this.log.length; state.cursor++) {
      const entry = this.log[state.cursor - this.base];
      if (entry.subject !== state.subject) continue;
      state.unsettled.add(entry);
      state.due.push(entry);
    }
  }

  /** Durable mode: lets go of the events every consumer has passed (what is unsettled, its consumer holds). */
  private trim(): void {
    let passed = this.base + this.log.length;
    for (const state of this.consumers.values()) passed = Math.min(passed, state.cursor);
    const count = passed - this.base;
    if (count >= TRIM_AT || (count > 0 && count === this.log.length)) {
      this.log.splice(0, count);
      this.base = passed;
    }
  }

  /**
   * Delivers due events, up to `concurrency` at a time; each one that settles makes room for the
   * next. A failing one waits for its back-off while the rest go on.
   */
  private drain(consumer: string, state: ConsumerState): void {
    while (state.handler && state.due.length > 0 && state.inFlight.size < this.concurrency) {
      const handling: Promise<void> = this.deliver(consumer, state, state.handler, state.due.shift()!)
        // deliver settles or schedules every event itself; unheard, an error here would end the process
        .catch((error) => this.logger.error(`Delivery to ${consumer} failed: ${errorMessage(error)}`))
        .finally(() => {
          state.inFlight.delete(handling);
          this.drain(consumer, state);
        });
      state.inFlight.add(handling);
    }
  }

  private async deliver(consumer: string, state: ConsumerState, handler: DeliveryHandler, entry: Entry): Promise<void> {
    const deliveryCount = (state.deliveries.get(entry) ?? 0) + 1;
    state.deliveries.set(entry, deliveryCount);
    // Each delivery parses its own copy, as over a wire: a handler cannot change what others see.
    const event = parseEvent(entry.json);
    // Text no handler can read (not JSON, or JSON that is no event: an outbox row of another
    // version, or edited by hand) is a dead letter at once, as on JetStream.
    if (!event) return this.setAside(consumer, state, entry, deliveryCount, entry.id, 'not a JSON CloudEvent');
    try {
      await this.throughOutages(() => handler({ event, subject: entry.subject, consumer, deliveryCount, traceparent: entry.traceparent }));
      this.settle(state, entry);
    } catch (error) {
      if (error instanceof UnprocessableEvent || deliveryCount >= this.options.retry.maxDeliver) {
        await this.setAside(consumer, state, entry, deliveryCount, event.id ?? entry.id, errorMessage(error));
      } else {
        this.redeliverLater(consumer, state, entry, deliveryCount);
      }
    }
  }

  /** Makes the event a dead letter for the consumer, which settles it; until its dead letter is kept, it is delivered again after the back-off. */
  private async setAside(consumer: string, state: ConsumerState, entry: Entry, deliveryCount: number, eventId: string, error: string): Promise<void> {
    this.logger.warn(`Event ${eventId} on ${entry.subject} is a dead letter for ${consumer}: ${error}`);
    try {
      // as published, not as the handler may have left its copy
      await this.deadLetters.add({ subject: entry.subject, consumer, deliveries: deliveryCount, error, eventId, json: entry.json, traceparent: entry.traceparent });
      this.settle(state, entry);
    } catch (storeError) {
      // Without its dead letter kept, the event must not be let go.
      this.logger.error(`Dead letter for ${consumer} of event ${eventId} not stored: ${errorMessage(storeError)}`);
      this.redeliverLater(consumer, state, entry, deliveryCount);
    }
  }

  private redeliverLater(consumer: string, state: ConsumerState, entry: Entry, deliveryCount: number): void {
    // closed meanwhile: the event stays unsettled, and is due again at the next subscription
    if (!state.handler) return;
    const timer = setTimeout(() => {
      state.backoffTimers.delete(timer);
      state.due.push(entry);
      this.drain(consumer, state);
    }, redeliveryDelay(this.options.retry, deliveryCount));
    state.backoffTimers.add(timer);
  }

  private settle(state: ConsumerState, entry: Entry): void {
    state.unsettled.delete(entry);
    state.deliveries.delete(entry);
    this.release(entry, state);
  }

  /** The consumer no longer holds up the event's publisher; the last one lets it go. */
  private release(entry: Entry, state: ConsumerState): void {
    if (!entry.waiting?.delete(state) || entry.waiting.size > 0) return;
    this.pending.delete(entry);
    entry.settled?.resolve();
  }

  private forgetOldIds(): void {
    const horizon = Date.now() - (this.options.duplicateWindowMs ?? 120_000);
    for (const [id, at] of this.published) {
      if (at >= horizon) break; // insertion order is settling order
      this.published.delete(id);
    }
  }
}
