import { readFileSync } from 'node:fs';
import { Logger, type LoggerService } from '@nestjs/common';
import {
  AckPolicy,
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  jetstream,
  jetstreamManager,
} from '@nats-io/jetstream';
import type { JetStreamClient, JetStreamManager, StoredMsg } from '@nats-io/jetstream';
import { connect, credsAuthenticator, headers as natsHeaders, nanos } from '@nats-io/transport-node';
import type { MsgHdrs, NatsConnection, Subscription } from '@nats-io/transport-node';
import {
  type DeadLetter,
  type DeadLetterFilter,
  type DeliveryHandler,
  EventBus,
  type EventSubscription,
  type RetryPolicy,
  type SerializedEvent,
  errorMessage,
  matchesDeadLetterFilter,
  parseEvent,
} from '../event-bus';
import { replayToHandler } from '../dead-letter-replay';
import {
  CLOUDEVENTS_CONTENT_TYPE,
  DEAD_LETTER_SUBJECT_ROOT,
  HEADERS,
  type MessagingNames,
  deadLetterStreamName,
  eventsStreamName,
} from '../wire-names';
import { type DeadLetterOrigin, PullLoop } from './pull-loop';

export interface JetStreamBusOptions extends MessagingNames {
  retry: RetryPolicy;
  /** a delivery not acked within this time is redelivered (the handler's process died or hung) */
  ackWaitMs?: number;
  publishTimeoutMs?: number;
  /**
   * messages pulled ahead per subscription; they wait `ackWaitMs` for another replica if this one
   * stops. At least `concurrency`; default twice `concurrency`, and at least 10.
   */
  prefetch?: number;
  /** handlers in flight at once per subscription; default 1 (one event at a time) */
  concurrency?: number;
  /** how the connection authenticates; nothing on a NATS without authentication */
  credentials?: NatsCredentials;
  /** subject prefix of the connection's reply inboxes (`natsInboxPrefix`); NATS's `_INBOX` by default */
  inboxPrefix?: string;
  /** where its lines go; Nest's process-wide logger by default (a service passes its own, see ServiceLog) */
  logger?: LoggerService;
}

/** A NATS user and password, or a credentials file (user JWT and nkey seed). */
export interface NatsCredentials {
  user?: string;
  password?: string;
  credsFile?: string;
}

const MAX_HEADER_LENGTH = 1_000;

/**
 * The event bus over NATS JetStream: one durable pull consumer per (consumer, subject), explicit
 * ack after the handler resolved, nak with back-off on error, and after the last delivery a copy
 * in the dead-letter stream and `term()` (each subscription's `PullLoop`). Streams come from
 * `provisionStreams`.
 */
export class JetStreamBus extends EventBus {
  private readonly logger: LoggerService;
  private readonly js: JetStreamClient;
  private readonly subscriptions = new Set<EventSubscription>();
  /** the handler of each consumer subscribed in this process: the one its dead letters are replayed to */
  private readonly handlers = new Map<string, DeliveryHandler>();
  private readonly nudgeListeners = new Set<Subscription>();
  private connected = true;

  constructor(
    readonly connection: NatsConnection,
    readonly jsm: JetStreamManager,
    private readonly options: JetStreamBusOptions,
    /** closed with the bus when the bus opened it */
    private readonly ownsConnection = false,
  ) {
    super();
    this.logger = options.logger ?? new Logger(JetStreamBus.name);
    this.js = jetstream(connection);
    void this.watchConnection();
  }

  /** Connects (reconnecting forever after a first success) and returns a bus that owns the connection. */
  static async connect(natsUrl: string, name: string, options: JetStreamBusOptions): Promise<JetStreamBus> {
    const { user, password, credsFile } = options.credentials ?? {};
    const connection = await connect({
      servers: natsUrl.split(',').map((server) => server.trim()),
      name,
      ...(user ? { user, pass: password } : {}),
      ...(credsFile ? { authenticator: credsAuthenticator(readFileSync(credsFile)) } : {}),
      ...(options.inboxPrefix ? { inboxPrefix: options.inboxPrefix } : {}),
      maxReconnectAttempts: -1,
      reconnectTimeWait: 1_000,
      // Otherwise every publish builds two Error objects (stack captured) in advance, in case it
      // fails: ~2 % of a service's CPU under load. A failed publish still says what failed.
      noAsyncTraces: true,
    });
    return new JetStreamBus(connection, await jetstreamManager(connection), options, true);
  }

  async publishSerialized(subject: string, event: SerializedEvent, traceparent?: string): Promise<{ duplicate: boolean }> {
    const headers = natsHeaders();
    headers.set(HEADERS.contentType, CLOUDEVENTS_CONTENT_TYPE);
    if (traceparent) headers.set(HEADERS.traceparent, traceparent);
    const ack = await this.js.publish(this.prefixed(subject), event.json, {
      msgID: event.id,
      headers,
      timeout: this.options.publishTimeoutMs ?? 5_000,
    });
    return { duplicate: ack.duplicate };
  }

  async subscribe(consumer: string, subject: string, handler: DeliveryHandler): Promise<EventSubscription> {
    const stream = eventsStreamName(this.options);
    await this.ensureConsumer(stream, consumer, subject);
    const { retry, concurrency, prefetch } = this.options;
    const pulling = await PullLoop.start({
      stream,
      consumer,
      subject,
      handler,
      retry,
      concurrency,
      prefetch,
      connection: this.connection,
      js: this.js,
      jsm: this.jsm,
      logger: this.logger,
      deadLetter: (data, headers, at, error) => this.deadLetter(data, headers, at, error),
    });
    const exhausted = this.connection.subscribe(
      `$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${stream}.${consumer}`,
      { callback: (error, advisory) => void (error ? this.logger.error(errorMessage(error)) : this.deadLetterExhausted(advisory.json(), subject)) },
    );
    this.handlers.set(consumer, handler);
    const subscription: EventSubscription = {
      close: async () => {
        this.subscriptions.delete(subscription);
        if (this.handlers.get(consumer) === handler) this.handlers.delete(consumer);
        exhausted.unsubscribe();
        await pulling.close();
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  async resetConsumer(consumer: string): Promise<void> {
    try {
      await this.jsm.consumers.delete(eventsStreamName(this.options), consumer);
    } catch (error) {
      if (!isApiError(error, JetStreamApiCodes.ConsumerNotFound)) throw error;
    }
  }

  /**
   * Reads the dead-letter stream in order (ids are its sequence numbers, so `after` is the one
   * before the first read); meant for operators, so it is simple rather than fast.
   */
  async listDeadLetters(filter: DeadLetterFilter = {}): Promise<DeadLetter[]> {
    const stream = deadLetterStreamName(this.options);
    const { state } = await this.jsm.streams.info(stream);
    const found: DeadLetter[] = [];
    if (state.messages === 0) return found; // an empty stream reports sequence 0, which cannot be read
    const after = filter.after ? Number(filter.after.id) : 0;
    if (!Number.isSafeInteger(after) || after < 0) return found; // not a position this bus gave
    for (let seq = Math.max(state.first_seq, after + 1); seq <= state.last_seq && found.length < (filter.limit ?? 100); seq++) {
      const stored = await this.jsm.streams.getMessage(stream, { seq });
      if (!stored) continue; // replayed and deleted
      const letter = asDeadLetter(stored);
      if (matchesDeadLetterFilter(letter, filter)) found.push(letter);
    }
    return found;
  }

  /**
   * Hands the event to the handler its consumer has in this process (see EventBus): nothing is
   * published on the event's subject, which the consuming service's NATS user may not publish.
   * A handler that fails again sets it aside as a new dead letter (a new message, since a stored
   * one cannot change) before the old one goes; a dead letter already gone after the handler ran
   * was replayed at the same time elsewhere, and the inbox made that harmless.
   */
  async replayDeadLetter(id: string): Promise<void> {
    const stream = deadLetterStreamName(this.options);
    const stored = await this.storedDeadLetter(id);
    const letter = asDeadLetter(stored);
    const failure = await replayToHandler(letter, this.handlers.get(letter.consumer));
    if (failure !== undefined) {
      const original = Number(stored.header.get(HEADERS.deadLetterStreamSequence));
      await this.deadLetter(
        stored.data,
        stored.header,
        { consumer: letter.consumer, subject: letter.subject, deliveryCount: letter.deliveries + 1, seq: original },
        failure,
        `${letter.consumer}:${original}:replay:${id}`,
      );
    }
    await this.jsm.streams.deleteMessage(stream, stored.seq).catch(async (error: unknown) => {
      if (await this.jsm.streams.getMessage(stream, { seq: stored.seq })) throw error;
    });
  }

  async discardDeadLetter(id: string): Promise<void> {
    const stream = deadLetterStreamName(this.options);
    const deleted = await this.jsm.streams.deleteMessage(stream, Number(id)).catch(() => false);
    if (!deleted) throw new Error(`No dead letter ${id} in ${stream}`);
  }

  isConnected(): boolean {
    return this.connected && !this.connection.isClosed();
  }

  /** A core NATS message without payload on the prefixed subject: every replica's listeners get it. */
  nudge(subject: string): void {
    if (this.connection.isClosed()) return;
    try {
      this.connection.publish(this.prefixed(subject));
    } catch (error) {
      this.logger.warn(`nudge on ${subject} not sent: ${errorMessage(error)}`);
    }
  }

  listenForNudges(subject: string, onNudge: () => void): () => void {
    if (this.connection.isClosed()) return () => undefined;
    const subscription = this.connection.subscribe(this.prefixed(subject), { callback: () => onNudge() });
    this.nudgeListeners.add(subscription);
    return () => {
      if (!this.nudgeListeners.delete(subscription)) return;
      subscription.unsubscribe();
    };
  }

  async close(): Promise<void> {
    for (const listener of this.nudgeListeners) listener.unsubscribe();
    this.nudgeListeners.clear();
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    if (this.ownsConnection && !this.connection.isClosed()) await this.connection.drain();
  }

  /** The server stopped redelivering without a verdict from us (the handler crashed or timed out on the last try). */
  private async deadLetterExhausted(
    advisory: { stream: string; consumer: string; stream_seq: number; deliveries: number },
    subject: string,
  ): Promise<void> {
    try {
      const stored = await this.jsm.streams.getMessage(advisory.stream, { seq: advisory.stream_seq });
      if (!stored) return;
      await this.deadLetter(
        stored.data,
        stored.header,
        { consumer: advisory.consumer, subject, deliveryCount: advisory.deliveries, seq: advisory.stream_seq },
        'deliveries exhausted without a handler result (crash or ack timeout)',
      );
    } catch (error) {
      this.logger.error(`Dead letter for ${advisory.consumer} seq ${advisory.stream_seq} not stored: ${errorMessage(error)}`);
    }
  }

  private async deadLetter(
    data: Uint8Array,
    original: MsgHdrs | undefined,
    at: DeadLetterOrigin,
    error: string,
    /** one dead letter per (consumer, message), whichever path (handler or advisory) gets there first */
    messageId = `${at.consumer}:${at.seq}`,
  ): Promise<void> {
    const headers = natsHeaders();
    headers.set(HEADERS.contentType, CLOUDEVENTS_CONTENT_TYPE);
    const traceparent = original?.get(HEADERS.traceparent);
    if (traceparent) headers.set(HEADERS.traceparent, traceparent);
    // Header values cannot hold line breaks; a stack trace does not belong on the wire anyway.
    headers.set(HEADERS.deadLetterError, error.replace(/\s+/g, ' ').slice(0, MAX_HEADER_LENGTH));
    headers.set(HEADERS.deadLetterSubject, at.subject);
    headers.set(HEADERS.deadLetterConsumer, at.consumer);
    headers.set(HEADERS.deadLetterDeliveries, String(at.deliveryCount));
    headers.set(HEADERS.deadLetterStreamSequence, String(at.seq));
    this.logger.warn(`Event seq ${at.seq} on ${at.subject} is a dead letter for ${at.consumer} after ${at.deliveryCount} deliveries: ${error}`);
    await this.js.publish(
      `${this.options.subjectPrefix}${DEAD_LETTER_SUBJECT_ROOT}.${at.consumer}.${at.subject}`,
      data,
      { msgID: messageId, headers },
    );
  }

  private async storedDeadLetter(id: string): Promise<StoredMsg> {
    const stream = deadLetterStreamName(this.options);
    const seq = Number(id);
    const stored = Number.isSafeInteger(seq) && seq > 0 ? await this.jsm.streams.getMessage(stream, { seq }) : null;
    if (!stored) throw new Error(`No dead letter ${id} in ${stream}`);
    return stored;
  }

  private async ensureConsumer(stream: string, consumer: string, subject: string): Promise<void> {
    const limits = {
      max_deliver: this.options.retry.maxDeliver,
      ack_wait: nanos(this.options.ackWaitMs ?? 30_000),
    };
    try {
      await this.jsm.consumers.info(stream, consumer);
    } catch (error) {
      if (!isApiError(error, JetStreamApiCodes.ConsumerNotFound)) throw error;
      await this.jsm.consumers.add(stream, {
        ...limits,
        durable_name: consumer,
        // one subject per consumer: NATS 2.9 has no filter_subjects
        filter_subject: this.prefixed(subject),
        // a new consumer (a new service, or a rebuilt one) replays the whole history
        deliver_policy: DeliverPolicy.All,
        ack_policy: AckPolicy.Explicit,
      });
      return;
    }
    await this.jsm.consumers.update(stream, consumer, limits);
  }

  private async watchConnection(): Promise<void> {
    for await (const status of this.connection.status()) {
      if (status.type === 'disconnect') this.connected = false;
      if (status.type === 'reconnect') this.connected = true;
      if (status.type === 'disconnect' || status.type === 'reconnect') this.logger.log(`NATS ${status.type}`);
    }
  }

  private prefixed(subject: string): string {
    return `${this.options.subjectPrefix}${subject}`;
  }
}

function asDeadLetter(stored: StoredMsg): DeadLetter {
  return {
    id: String(stored.seq),
    subject: stored.header.get(HEADERS.deadLetterSubject),
    consumer: stored.header.get(HEADERS.deadLetterConsumer),
    deliveries: Number(stored.header.get(HEADERS.deadLetterDeliveries)),
    error: stored.header.get(HEADERS.deadLetterError),
    event: parseEvent(new TextDecoder().decode(stored.data)),
    traceparent: stored.header.get(HEADERS.traceparent) || undefined,
    deadAt: stored.time,
  };
}

function isApiError(error: unknown, code: number): boolean {
  return error instanceof JetStreamApiError && error.code === code;
}
