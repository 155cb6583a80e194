import {
  type DeadLetter,
  type DeadLetterFilter,
  type DeliveryHandler,
  EventBus,
  type EventSubscription,
  type InProcessBus,
  type JetStreamBus,
  type SerializedEvent,
} from '@liaison/messaging';

/**
 * The in-process bus, whose every publication also goes to NATS JetStream (NATS_URL given), so
 * partner systems can read the stream. The services still consume in process only; a publication
 * counts once both took it, so the relay re-sends (and both drop the repeat) if either failed.
 */
export class MirroredBus extends EventBus {
  constructor(
    private readonly local: InProcessBus,
    private readonly mirror: JetStreamBus,
  ) {
    super();
  }

  async publishSerialized(subject: string, event: SerializedEvent, traceparent?: string): Promise<{ duplicate: boolean }> {
    const [local] = await Promise.all([this.local.publishSerialized(subject, event, traceparent), this.mirror.publishSerialized(subject, event, traceparent)]);
    return local;
  }

  subscribe(consumer: string, subject: string, handler: DeliveryHandler): Promise<EventSubscription> {
    return this.local.subscribe(consumer, subject, handler);
  }

  resetConsumer(consumer: string): Promise<void> {
    return this.local.resetConsumer(consumer);
  }

  listDeadLetters(filter?: DeadLetterFilter): Promise<DeadLetter[]> {
    return this.local.listDeadLetters(filter);
  }

  replayDeadLetter(id: string): Promise<void> {
    return this.local.replayDeadLetter(id);
  }

  discardDeadLetter(id: string): Promise<void> {
    return this.local.discardDeadLetter(id);
  }

  /** Nudges stay in the process: its listeners are all here. */
  nudge(subject: string): void {
    this.local.nudge(subject);
  }

  listenForNudges(subject: string, onNudge: () => void): () => void {
    return this.local.listenForNudges(subject, onNudge);
  }

  isConnected(): boolean {
    return this.local.isConnected() && this.mirror.isConnected();
  }

  /** Closes the local bus first: what waits there stays unsent, then the NATS connection goes. */
  async close(): Promise<void> {
    await this.local.close();
    await this.mirror.close();
  }
}
