import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { createEvent, DeliveryFailedEvent, type DeliveryFailed } from '@liaison/contracts';
import { Outbox } from '@liaison/messaging';

/**
 * delivery.failed, in the transaction that records the failure. It names the recipient, never
 * the content, and is amber-strict to the organization concerned (see its payload class).
 */
@Injectable()
export class DeliveryFailures {
  constructor(private readonly outbox: Outbox) {}

  async record(manager: EntityManager, failure: Omit<DeliveryFailed, 'failedAt' | 'error'> & { error: string }): Promise<void> {
    const data: DeliveryFailed = { ...failure, error: failure.error.slice(0, 1000), failedAt: new Date().toISOString() };
    await this.outbox.publish(
      manager,
      DeliveryFailedEvent,
      createEvent(DeliveryFailedEvent, {
        subject: failure.deliveryId,
        data,
        classification: 'amber-strict',
        originorg: failure.organizationId,
        sequence: 1,
      }),
    );
  }
}

/** Back-off before attempt n+1: base × 2^(n-1), capped at a day. */
export function backoffMs(baseMs: number, attempts: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), 24 * 3600_000);
}

/**
 * A loop that runs `work` when woken (after a fan-out commits) or every `intervalMs`, one run at
 * a time, until stopped; stopping waits for the run under way.
 */
export class WorkLoop {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;

  constructor(
    private readonly work: () => Promise<unknown>,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private async run(): Promise<void> {
    try {
      do {
        this.again = false;
        await this.work().catch(this.onError);
      } while (this.again && !this.stopped);
    } finally {
      this.running = undefined;
      this.schedule();
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.wake(), this.intervalMs);
    this.timer.unref();
  }
}
