import { DelegatingBus, type InProcessBus, type JetStreamBus, type SerializedEvent } from '@liaison/messaging';

/**
 * The in-process bus, whose every publication also goes to NATS JetStream (NATS_URL given), so
 * partner systems can read the stream. The services still consume in process only (every other
 * operation is the local bus's; nudges stay in the process, whose listeners are all here); a
 * publication counts once both took it, so the relay re-sends (and both drop the repeat) if
 * either failed.
 */
export class MirroredBus extends DelegatingBus {
  constructor(
    local: InProcessBus,
    private readonly mirror: JetStreamBus,
  ) {
    super(local);
  }

  override async publishSerialized(subject: string, event: SerializedEvent, traceparent?: string): Promise<{ duplicate: boolean }> {
    const [local] = await Promise.all([this.inner.publishSerialized(subject, event, traceparent), this.mirror.publishSerialized(subject, event, traceparent)]);
    return local;
  }

  override isConnected(): boolean {
    return this.inner.isConnected() && this.mirror.isConnected();
  }

  /** Closes the local bus first: what waits there stays unsent, then the NATS connection goes. */
  override async close(): Promise<void> {
    await this.inner.close();
    await this.mirror.close();
  }
}
