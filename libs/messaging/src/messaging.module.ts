import {
  type DynamicModule,
  Inject,
  Injectable,
  type INestApplication,
  type INestMicroservice,
  type LoggerService,
  Module,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { NestMicroservice } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import type { EventDefinition } from '@liaison/contracts';
import { DEFAULT_RETRY_POLICY, EventBus, type RetryPolicy } from './event-bus';
import { Inbox } from './inbox/inbox';
import { JetStreamBus, type NatsCredentials } from './jetstream/jetstream-bus';
import { provisionStreams, verifyStreams } from './jetstream/provision-streams';
import { Outbox } from './outbox/outbox';
import { OutboxRelay, type OutboxRelayOptions } from './outbox/outbox-relay';
import { EventHandlerErrorFilter, EventTransport } from './transport/event-transport';
import { natsInboxPrefix } from './wire-names';

export interface MessagingModuleOptions {
  /** the service's name: NATS connection name, durable consumer names, inbox keys */
  service: string;
  /** required unless `bus` is given */
  natsUrl?: string;
  /** NATS user and password or credentials file; none on a NATS without authentication */
  natsCredentials?: NatsCredentials;
  /**
   * Create the streams and update their settings at start (default true); false only checks
   * that they exist, for credentials that may not administer streams (an operator provisions them).
   */
  provisionStreams?: boolean;
  /** empty in production; tests take theirs from `testMessaging()` */
  subjectPrefix?: string;
  streamPrefix?: string;
  /** default 2 minutes */
  duplicateWindowMs?: number;
  /** default 0: the stream keeps every event, so a new service can replay history */
  maxAgeMs?: number;
  /** stream replicas; 3 on a production cluster */
  replicas?: number;
  retry?: RetryPolicy;
  ackWaitMs?: number;
  /**
   * Handlers in flight at once per subscription (durable consumer); default 1. Concurrent
   * `Inbox.handleOnce` calls share one transaction, so this is what lets a service handle more
   * than one event per commit. Applies to the bus the module creates, not to a given `bus`.
   */
  concurrency?: number;
  relay?: OutboxRelayOptions & { enabled?: boolean };
  /** validated consumption (see EventTransportOptions.catalog); used by `connectEventConsumers` */
  catalog?: readonly EventDefinition[];
  /**
   * An event bus to use instead of NATS (the standalone mode's `InProcessBus`, shared by all the
   * services in the process). The module does not close a bus it was given.
   */
  bus?: EventBus;
  /** the service's log: a logger for each class that writes (`ServiceLog.for`); Nest's process-wide one by default */
  log?: (context: string) => LoggerService;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

/**
 * Starts the relay once the application is up. On shutdown the relay stops first, before any
 * module's onApplicationShutdown: TypeORM closes its pool there, and the pool waits for the
 * relay's LISTEN connection; then the bus closes.
 */
@Injectable()
class MessagingLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingModuleOptions,
    private readonly relay: OutboxRelay,
    private readonly bus: EventBus,
  ) {}

  onApplicationBootstrap(): void {
    if (this.options.relay?.enabled !== false) this.relay.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.options.bus) await this.bus.close();
  }
}

/**
 * Outbox, inbox, relay and the event bus of one service. Global: feature modules inject `Outbox`,
 * `Inbox` and `EventBus` (health: `EventBus.isConnected()`, dead letters: `listDeadLetters`).
 * Needs the service's TypeORM `DataSource` (from TypeOrmModule) and `messagingMigrations` in its
 * migrations.
 */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingModuleOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        { provide: EventBus, useFactory: () => options.bus ?? connectJetStream(options) },
        Outbox,
        Inbox,
        {
          provide: OutboxRelay,
          useFactory: (dataSource: DataSource, bus: EventBus) => new OutboxRelay(dataSource, bus, { logger: options.log?.(OutboxRelay.name), ...options.relay }),
          inject: [DataSource, EventBus],
        },
        MessagingLifecycle,
      ],
      exports: [Outbox, Inbox, EventBus, OutboxRelay, MESSAGING_OPTIONS],
    };
  }
}

/** Connects to NATS and provisions the streams: a service that cannot do both does not start. */
async function connectJetStream(options: MessagingModuleOptions): Promise<JetStreamBus> {
  if (!options.natsUrl) throw new Error(`MessagingModule for ${options.service} needs a natsUrl (or a bus)`);
  const names = { subjectPrefix: options.subjectPrefix ?? '', streamPrefix: options.streamPrefix ?? '' };
  const bus = await JetStreamBus.connect(options.natsUrl, `liaison-${options.service}`, {
    ...names,
    retry: options.retry ?? DEFAULT_RETRY_POLICY,
    ackWaitMs: options.ackWaitMs,
    concurrency: options.concurrency,
    credentials: options.natsCredentials,
    inboxPrefix: natsInboxPrefix(options.service),
    logger: options.log?.(JetStreamBus.name),
  });
  try {
    if (options.provisionStreams === false) await verifyStreams(bus.jsm, names);
    else
      await provisionStreams(bus.jsm, {
        ...names,
        duplicateWindowMs: options.duplicateWindowMs ?? 120_000,
        maxAgeMs: options.maxAgeMs ?? 0,
        replicas: options.replicas,
      });
  } catch (error) {
    await bus.close();
    throw error;
  }
  return bus;
}

/**
 * The event transport of an application that imports `MessagingModule`, over the module's bus.
 * A handler's durable consumer is re-created to replay from the first event when its inbox is
 * empty (a new or rebuilt database); that is harmless otherwise, since the inbox skips repeats.
 */
export function createEventTransport(app: INestApplication): EventTransport {
  const options = app.get<MessagingModuleOptions>(MESSAGING_OPTIONS);
  const dataSource = app.get(DataSource);
  const inbox = app.get(Inbox);
  return new EventTransport({
    service: options.service,
    bus: app.get(EventBus),
    catalog: options.catalog,
    replayFromStart: (consumer) => inbox.isEmpty(dataSource, consumer),
    logger: options.log?.(EventTransport.name),
  });
}

/**
 * `app.connectMicroservice` with the event transport and the filter that keeps handler errors.
 * Nest builds each handler's exception handling when it registers the listeners, which
 * connectMicroservice does at once unless deferred: so registration waits for
 * `startAllMicroservices()`, after the filter is in place, and the application's own `init()`
 * keeps running the lifecycle hooks (once).
 */
export function connectEventConsumers(app: INestApplication): INestMicroservice {
  const consumers = app.connectMicroservice(
    { strategy: createEventTransport(app) },
    { deferInitialization: true },
  ) as NestMicroservice; // the class behind the interface: setIsInitHookCalled is public on it
  consumers.useGlobalFilters(new EventHandlerErrorFilter());
  consumers.setIsInitHookCalled(true);
  return consumers;
}
