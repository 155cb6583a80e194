import { BroadcastChannel } from 'node:worker_threads';
import { type DeadLetter, type DeadLetterFilter, type DeliveryHandler, EventBus, type EventSubscription, type SerializedEvent } from '@liaison/messaging';
import { NUDGE_CHANNEL } from './thread-protocol';

/**
 * The delivery thread's bus: every operation is the in-process bus's (or the mirrored one's),
 * but a nudge (new inbox items committed by notifications' consumer, here) also crosses to the
 * HTTP thread, where the live feeds listen, through a `BroadcastChannel`.
 */
export class CrossThreadNudges extends EventBus {
  private readonly channel = new BroadcastChannel(NUDGE_CHANNEL);

  constructor(private readonly bus: EventBus) {
    super();
    this.channel.unref();
  }

  publishSerialized(subject: string, event: SerializedEvent, traceparent?: string): Promise<{ duplicate: boolean }> {
    return this.bus.publishSerialized(subject, event, traceparent);
  }

  subscribe(consumer: string, subject: string, handler: DeliveryHandler): Promise<EventSubscription> {
    return this.bus.subscribe(consumer, subject, handler);
  }

  resetConsumer(consumer: string, subject: string): Promise<void> {
    return this.bus.resetConsumer(consumer, subject);
  }

  listDeadLetters(filter?: DeadLetterFilter): Promise<DeadLetter[]> {
    return this.bus.listDeadLetters(filter);
  }

  replayDeadLetter(id: string): Promise<void> {
    return this.bus.replayDeadLetter(id);
  }

  discardDeadLetter(id: string): Promise<void> {
    return this.bus.discardDeadLetter(id);
  }

  nudge(subject: string): void {
    this.bus.nudge(subject);
    this.channel.postMessage(subject);
  }

  listenForNudges(subject: string, onNudge: () => void): () => void {
    return this.bus.listenForNudges(subject, onNudge);
  }

  isConnected(): boolean {
    return this.bus.isConnected();
  }

  async close(): Promise<void> {
    await this.bus.close();
    this.channel.close();
  }
}
