import { Injectable, type LoggerService, type OnApplicationShutdown } from '@nestjs/common';
import { ServiceLog } from '@liaison/http';
import { errorMessage, EventBus } from '@liaison/messaging';

/**
 * Core subject that tells every replica holding a live feed of an officer that new items
 * committed: `liaison-live.<officerId>` (after the deployment's subject prefix). It carries no
 * content, only the nudge; the feed reads the items from the inbox table. Outside `liaison.>`
 * on purpose: JetStream does not keep it. A wire name: changing it breaks mixed-version replicas.
 */
export const LIVE_SUBJECT_ROOT = 'liaison-live';

/**
 * The nudge between replicas, through the event bus's port (EventBus.nudge): NATS core subjects
 * on a deployment, memory on the in-process bus of the standalone mode.
 */
@Injectable()
export class LiveFeed implements OnApplicationShutdown {
  private readonly listening = new Set<() => void>();
  private readonly logger: LoggerService;

  constructor(
    private readonly bus: EventBus,
    log: ServiceLog,
  ) {
    this.logger = log.for(LiveFeed.name);
  }

  /** After the commit of new items for these officers. */
  nudge(officerIds: Iterable<string>): void {
    for (const officerId of new Set(officerIds)) this.bus.nudge(subjectOf(officerId));
  }

  /** Calls `onNudge` whenever new items may be there for the officer; returns the unsubscribe. */
  listen(officerId: string, onNudge: () => void): () => void {
    // a listener's failure stays with its feed: thrown into the bus, it would end the connection
    const stop = this.bus.listenForNudges(subjectOf(officerId), () => {
      try {
        onNudge();
      } catch (error) {
        this.logger.warn(`live feed of ${officerId}: ${errorMessage(error)}`);
      }
    });
    const unsubscribe = () => {
      if (this.listening.delete(unsubscribe)) stop();
    };
    this.listening.add(unsubscribe);
    return unsubscribe;
  }

  onApplicationShutdown(): void {
    for (const unsubscribe of [...this.listening]) unsubscribe();
  }
}

const subjectOf = (officerId: string) => `${LIVE_SUBJECT_ROOT}.${officerId}`;
