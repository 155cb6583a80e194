import { type DeadLetter, type DeadLetterFilter, type DeliveryHandler, EventBus, type EventSubscription, type SerializedEvent } from './event-bus';

/**
 * A bus that is another bus with something added: every operation goes to `inner` unless a
 * subclass overrides it (the standalone's mirror to JetStream, its nudges across threads).
 */
export class DelegatingBus extends EventBus {
  constructor(protected readonly inner: EventBus) {
    super();
  }

  publishSerialized(subject: string, event: SerializedEvent, traceparent?: string): Promise<{ duplicate: boolean }> {
    return this.inner.publishSerialized(subject, event, traceparent);
  }

  subscribe(consumer: string, subject: string, handler: DeliveryHandler): Promise<EventSubscription> {
    return this.inner.subscribe(consumer, subject, handler);
  }

  resetConsumer(consumer: string, subject: string): Promise<void> {
    return this.inner.resetConsumer(consumer, subject);
  }

  listDeadLetters(filter?: DeadLetterFilter): Promise<DeadLetter[]> {
    return this.inner.listDeadLetters(filter);
  }

  replayDeadLetter(id: string): Promise<void> {
    return this.inner.replayDeadLetter(id);
  }

  discardDeadLetter(id: string): Promise<void> {
    return this.inner.discardDeadLetter(id);
  }

  nudge(subject: string): void {
    this.inner.nudge(subject);
  }

  listenForNudges(subject: string, onNudge: () => void): () => void {
    return this.inner.listenForNudges(subject, onNudge);
  }

  isConnected(): boolean {
    return this.inner.isConnected();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
