import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import type { LiaisonEvent } from '@liaison/contracts';
import {
  type DeadLetter,
  type Delivery,
  type DeliveryHandler,
  EventBus,
  type EventSubscription,
  type RetryPolicy,
  type SerializedEvent,
  UnprocessableEvent,
  errorMessage,
  isOutage,
  outageDelay,
  redeliveryDelay,
} from '../event-bus';

export interface InProcessBusOptions {
  retry: RetryPolicy;
  /** repeats of an event id within this window are dropped, like JetStream's duplicate window */
  duplicateWindowMs?: number;
  /** handlers in flight at once per subscription; default 1 (one event at a time) */
  concurrency?: number;
}

interface StoredEvent {
  subject: string;
  event: LiaisonEvent;
  traceparent?: string;
}

/** What one durable consumer has been given and not yet settled. Kept while it is unsubscribed. */
class ConsumerState {
  /** index in the log of the next event not yet looked at */
  cursor = 0;
  /** log indices due for delivery, in order */
  readonly due: number[] = [];
  /** log indices delivered and not settled (due, waiting for back-off, or under way) */
  readonly unsettled = new Set<number>();
  readonly deliveries = new Map<number, number>();
  readonly backoffTimers = new Set<NodeJS.Timeout>();
  handler: DeliveryHandler | undefined;
  /** deliveries whose handler has not settled yet */
  readonly inFlight = new Set<Promise<void>>();

  constructor(readonly subject: string) {}
}

/**
 * The event bus in memory, for the standalone mode (one process): same semantics as JetStream
 * (dedup by event id, durable consumers that replay history and resume, back-off, dead letters),
 * without the durability: everything is lost when the process ends.
 */
export class InProcessBus extends EventBus {
  private readonly logger = new Logger(InProcessBus.name);
  private readonly log: StoredEvent[] = [];
  private readonly publishedAt = new Map<string, number>();
  private readonly consumers = new Map<string, ConsumerState>();
  private readonly deadLetters = new Map<string, DeadLetter>();
  private nextDeadLetterId = 1;
  /** nudges, by subject: one process, so memory is every replica there is */
  private readonly nudges = new EventEmitter().setMaxListeners(0);
  private closed = false;
  private readonly concurrency: number;

  constructor(private readonly options: InProcessBusOptions) {
    super();
    this.concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  }

  async publishSerialized(subject: string, event: SerializedEvent, traceparent?: string): Promise<{ duplicate: boolean }> {
    this.forgetOldIds();
    if (this.publishedAt.has(event.id)) return { duplicate: true };
    this.publishedAt.set(event.id, Date.now());
    // parsed here, so no subscriber shares an object with the publisher or another subscriber
    this.append({ subject, event: JSON.parse(event.json) as LiaisonEvent, traceparent });
    return { duplicate: false };
  }

  async subscribe(consumer: string, subject: string, handler: DeliveryHandler): Promise<EventSubscription> {
    let state = this.consumers.get(consumer);
    if (!state) {
      state = new ConsumerState(subject);
      this.consumers.set(consumer, state);
    }
    if (state.handler) throw new Error(`Consumer ${consumer} is already subscribed`);
    state.handler = handler;
    state.due.push(...[...state.unsettled].sort((a, b) => a - b));
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
  }

  async listDeadLetters(filter: { consumer?: string; limit?: number } = {}): Promise<DeadLetter[]> {
    return [...this.deadLetters.values()]
      .filter((letter) => !filter.consumer || letter.consumer === filter.consumer)
      .slice(0, filter.limit ?? 100);
  }

  /** Appends the event again, past the dedup (see EventBus.replayDeadLetter), and forgets the dead letter. */
  async replayDeadLetter(id: string): Promise<void> {
    const letter = this.deadLetters.get(id);
    if (!letter) throw new Error(`No dead letter ${id}`);
    if (!letter.event) throw new Error(`Dead letter ${id} is not a CloudEvent and cannot be replayed`);
    this.deadLetters.delete(id);
    this.append({ subject: letter.subject, event: letter.event, traceparent: letter.traceparent });
  }

  async discardDeadLetter(id: string): Promise<void> {
    if (!this.deadLetters.delete(id)) throw new Error(`No dead letter ${id}`);
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
    await Promise.all(
      [...this.consumers.values()].map(async (state) => {
        state.handler = undefined;
        state.backoffTimers.forEach(clearTimeout);
        await Promise.all(state.inFlight);
      }),
    );
  }

  private append(stored: StoredEvent): void {
    if (this.closed) throw new Error('The in-process bus is closed');
    this.log.push(stored);
    for (const [consumer, state] of this.consumers) {
      if (!state.handler) continue; // an unsubscribed consumer catches up when it subscribes again
      this.catchUp(state);
      this.drain(consumer, state);
    }
  }

  private catchUp(state: ConsumerState): void {
    for (; state.cursor < this.log.length; state.cursor++) {
      if (this.log[state.cursor].subject !== state.subject) continue;
      state.unsettled.add(state.cursor);
      state.due.push(state.cursor);
    }
  }

  /**
   * Delivers due events, up to `concurrency` at a time; each one that settles makes room for the
   * next. A failing one waits for its back-off while the rest go on.
   */
  private drain(consumer: string, state: ConsumerState): void {
    while (state.handler && state.due.length > 0 && state.inFlight.size < this.concurrency) {
      const handling: Promise<void> = this.deliver(consumer, state, state.handler, state.due.shift()!).finally(() => {
        state.inFlight.delete(handling);
        this.drain(consumer, state);
      });
      state.inFlight.add(handling);
    }
  }

  private async deliver(consumer: string, state: ConsumerState, handler: DeliveryHandler, index: number): Promise<void> {
    const stored = this.log[index];
    const deliveryCount = (state.deliveries.get(index) ?? 0) + 1;
    state.deliveries.set(index, deliveryCount);
    const delivery: Delivery = {
      // Each delivery gets its own copy, as over a wire: a handler cannot change what others see.
      event: structuredClone(stored.event),
      subject: stored.subject,
      consumer,
      deliveryCount,
      traceparent: stored.traceparent,
    };
    try {
      await this.throughOutages(() => handler(delivery));
      this.settle(state, index);
    } catch (error) {
      if (error instanceof UnprocessableEvent || deliveryCount >= this.options.retry.maxDeliver) {
        this.deadLetter(delivery, errorMessage(error));
        this.settle(state, index);
        return;
      }
      const timer = setTimeout(() => {
        state.backoffTimers.delete(timer);
        state.due.push(index);
        this.drain(consumer, state);
      }, redeliveryDelay(this.options.retry, deliveryCount));
      state.backoffTimers.add(timer);
    }
  }

  private settle(state: ConsumerState, index: number): void {
    state.unsettled.delete(index);
    state.deliveries.delete(index);
  }

  private deadLetter(delivery: Delivery, error: string): void {
    const id = String(this.nextDeadLetterId++);
    this.logger.warn(`Event ${delivery.event.id} on ${delivery.subject} is a dead letter for ${delivery.consumer}: ${error}`);
    this.deadLetters.set(id, {
      id,
      subject: delivery.subject,
      consumer: delivery.consumer,
      deliveries: delivery.deliveryCount,
      error,
      event: delivery.event,
      traceparent: delivery.traceparent,
      deadAt: new Date(),
    });
  }

  private forgetOldIds(): void {
    const horizon = Date.now() - (this.options.duplicateWindowMs ?? 120_000);
    for (const [id, at] of this.publishedAt) {
      if (at >= horizon) break; // insertion order is publication order
      this.publishedAt.delete(id);
    }
  }
}
