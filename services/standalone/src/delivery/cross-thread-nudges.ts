import { BroadcastChannel } from 'node:worker_threads';
import { DelegatingBus, type EventBus } from '@liaison/messaging';
import { NUDGE_CHANNEL } from './thread-protocol';

/**
 * The delivery thread's bus: every operation is the in-process bus's (or the mirrored one's),
 * but a nudge (new inbox items committed by notifications' consumer, here) also crosses to the
 * HTTP thread, where the live feeds listen, through a `BroadcastChannel`.
 */
export class CrossThreadNudges extends DelegatingBus {
  private readonly channel = new BroadcastChannel(NUDGE_CHANNEL);
  private closed = false;

  constructor(bus: EventBus) {
    super(bus);
    this.channel.unref();
  }

  override nudge(subject: string): void {
    this.inner.nudge(subject);
    // once closed, dropped quietly, as every bus does (a closed channel throws)
    if (!this.closed) this.channel.postMessage(subject);
  }

  override async close(): Promise<void> {
    await this.inner.close();
    this.channel.close();
    this.closed = true;
  }
}
