import { EventEmitter } from 'node:events';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { EventBus, JetStreamBus, MESSAGING_OPTIONS, type MessagingModuleOptions } from '@liaison/messaging';

/**
 * Core NATS subject that tells every replica holding a live feed of an officer that new items
 * committed: `liaison-live.<officerId>` (after the deployment's subject prefix). It carries no
 * content, only the nudge; the feed reads the items from the inbox table. Outside `liaison.>`
 * on purpose: JetStream does not keep it. A wire name: changing it breaks mixed-version replicas.
 */
export const LIVE_SUBJECT_ROOT = 'liaison-live';

/**
 * The nudge between replicas: over the NATS connection of the event bus when it is JetStream,
 * in process memory otherwise (the standalone mode is one process).
 */
@Injectable()
export class LiveFeed implements OnApplicationShutdown {
  private readonly logger = new Logger(LiveFeed.name);
  private readonly local = new EventEmitter().setMaxListeners(0);
  private readonly connection: NatsConnection | undefined;
  private readonly prefix: string;
  private readonly subscriptions = new Set<Subscription>();

  constructor(bus: EventBus, @Inject(MESSAGING_OPTIONS) options: MessagingModuleOptions) {
    this.connection = bus instanceof JetStreamBus ? bus.connection : undefined;
    this.prefix = options.subjectPrefix ?? '';
  }

  /** After the commit of new items for these officers. */
  nudge(officerIds: Iterable<string>): void {
    for (const officerId of new Set(officerIds)) {
      if (this.connection && !this.connection.isClosed()) {
        try {
          this.connection.publish(this.subject(officerId));
        } catch (error) {
          // A lost nudge delays a feed until its next poll; it loses nothing.
          this.logger.warn(`live nudge for ${officerId} not sent: ${(error as Error).message}`);
        }
      } else {
        this.local.emit(officerId);
      }
    }
  }

  /** Calls `onNudge` whenever new items may be there for the officer; returns the unsubscribe. */
  listen(officerId: string, onNudge: () => void): () => void {
    if (this.connection && !this.connection.isClosed()) {
      const subscription = this.connection.subscribe(this.subject(officerId), { callback: () => onNudge() });
      this.subscriptions.add(subscription);
      return () => {
        this.subscriptions.delete(subscription);
        subscription.unsubscribe();
      };
    }
    this.local.on(officerId, onNudge);
    return () => this.local.off(officerId, onNudge);
  }

  onApplicationShutdown(): void {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    this.subscriptions.clear();
    this.local.removeAllListeners();
  }

  private subject(officerId: string): string {
    return `${this.prefix}${LIVE_SUBJECT_ROOT}.${officerId}`;
  }
}
