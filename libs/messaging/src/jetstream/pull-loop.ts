import type { LoggerService } from '@nestjs/common';
import type { ConsumerMessages, JetStreamClient, JetStreamManager, JsMsg } from '@nats-io/jetstream';
import type { MsgHdrs, NatsConnection } from '@nats-io/transport-node';
import {
  type DeliveryHandler,
  type RetryPolicy,
  UnprocessableEvent,
  errorMessage,
  isOutage,
  outageDelay,
  parseEvent,
  redeliveryDelay,
} from '../event-bus';
import { HEADERS } from '../wire-names';

/** Where a message was when it became a dead letter. */
export interface DeadLetterOrigin {
  consumer: string;
  subject: string;
  deliveryCount: number;
  seq: number;
}

export interface PullLoopOptions {
  stream: string;
  consumer: string;
  subject: string;
  handler: DeliveryHandler;
  retry: RetryPolicy;
  /** handlers in flight at once; default 1 */
  concurrency?: number;
  /** messages pulled ahead; at least `concurrency`, default twice `concurrency` and at least 10 */
  prefetch?: number;
  connection: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  logger: LoggerService;
  /** stores a copy of the message in the dead-letter stream; rejects when it could not */
  deadLetter: (data: Uint8Array, headers: MsgHdrs | undefined, at: DeadLetterOrigin, error: string) => Promise<void>;
}

/**
 * One JetStream subscription's consuming: pulls from its durable consumer and runs up to
 * `concurrency` handlers at once, each message acked after its own handler; a failing one is
 * nak'ed with a delay, so the rest flow past it, and after its last delivery (at once for an
 * `UnprocessableEvent` or a message that is no event) it is copied to the dead letters and termed.
 */
export class PullLoop {
  private readonly concurrency: number;
  private messages: ConsumerMessages | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private consuming: Promise<void> = Promise.resolve();
  private closing = false;
  // Pulled ahead but not begun when the subscription closes (or given up in an outage while it
  // closes): handed back once the server has forgotten this subscription's pull requests, so
  // another replica (or this service after its restart) has them now rather than after the ack wait.
  private readonly handBack: JsMsg[] = [];
  /** ends the wait before pulling again, when the subscription closes meanwhile */
  private stopWaiting?: () => void;

  private constructor(private readonly options: PullLoopOptions) {
    this.concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  }

  /** Pulls a first time (rejecting, as the subscription does, when it cannot) and starts consuming. */
  static async start(options: PullLoopOptions): Promise<PullLoop> {
    const loop = new PullLoop(options);
    loop.messages = await loop.pull();
    loop.consuming = loop.run();
    return loop;
  }

  /** Stops pulling, waits for the handlers under way, then hands back what was pulled and not begun. */
  async close(): Promise<void> {
    this.closing = true;
    this.stopWaiting?.();
    const stopped = this.messages?.close();
    const forgotten = this.forgetPullRequests();
    await stopped;
    await this.consuming;
    await forgotten;
    for (const message of this.handBack.splice(0)) message.nak();
  }

  private async pull(): Promise<ConsumerMessages> {
    const { js, stream, consumer, prefetch } = this.options;
    return (await js.consumers.get(stream, consumer)).consume({
      // A handler slot must never wait for a pull while messages are due.
      max_messages: Math.max(prefetch ?? Math.max(2 * this.concurrency, 10), this.concurrency),
    });
  }

  private async run(): Promise<void> {
    const { consumer, connection, logger } = this.options;
    for (let failures = 0; !this.closing; failures += 1) {
      try {
        const messages = (this.messages ??= await this.pull());
        // closed while it pulled again: what comes is handed back below
        if (this.closing) void messages.close();
        for await (const message of messages) {
          failures = 0;
          if (this.closing) {
            this.handBack.push(message);
            continue;
          }
          const handling: Promise<void> = this.deliver(message)
            .catch((error) => logger.error(`Delivery of seq ${message.seq} to ${consumer} failed: ${errorMessage(error)}`))
            .finally(() => this.inFlight.delete(handling));
          this.inFlight.add(handling);
          if (this.inFlight.size >= this.concurrency) await Promise.race(this.inFlight);
        }
        break; // closed, with the subscription or the connection
      } catch (error) {
        // The client ends its pull with an error on an answer it takes as final (a pull the
        // server refused, a permission withdrawn): unheard, that would be an unhandled rejection
        // (the process ends) and a consumer that takes nothing more. It pulls again instead.
        if (this.closing || connection.isClosed()) break;
        logger.error(`Consumer ${consumer} stopped pulling, pulling again: ${errorMessage(error)}`);
        this.messages = undefined;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, outageDelay(failures));
          this.stopWaiting = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
    await Promise.all(this.inFlight);
  }

  private async deliver(message: JsMsg): Promise<void> {
    const { consumer, subject, handler, retry, logger, deadLetter } = this.options;
    const deliveryCount = message.info.deliveryCount;
    const event = parseEvent(new TextDecoder().decode(message.data));
    if (!event) {
      await deadLetter(message.data, message.headers, { consumer, subject, deliveryCount, seq: message.seq }, 'not a JSON CloudEvent');
      message.term();
      return;
    }
    try {
      const traceparent = message.headers?.get(HEADERS.traceparent) || undefined;
      await this.throughOutages(message, () => handler({ event, subject, consumer, deliveryCount, traceparent }));
      message.ack();
    } catch (error) {
      if (this.closing && isOutage(error)) {
        // stopping in an outage: the next process waits it out; the event's budget is not spent here
        this.handBack.push(message);
        return;
      }
      if (!(error instanceof UnprocessableEvent) && deliveryCount < retry.maxDeliver) {
        message.nak(redeliveryDelay(retry, deliveryCount));
        return;
      }
      try {
        await deadLetter(message.data, message.headers, { consumer, subject, deliveryCount, seq: message.seq }, errorMessage(error));
        message.term();
      } catch (dlqError) {
        // Without its dead-letter copy the message must not be dropped: try again later.
        logger.error(`Dead letter for ${consumer} seq ${message.seq} not stored: ${errorMessage(dlqError)}`);
        message.nak(redeliveryDelay(retry, deliveryCount));
      }
    }
  }

  /**
   * Runs the handler; while it fails because a dependency is out of reach, keeps the message in
   * progress (so the server neither redelivers it nor counts a delivery) and tries again with
   * back-off, however long the outage. The subscription's other slots wait the same way, so the
   * consumer pauses and resumes by itself. Only a failure of the event's own spends its budget.
   */
  private async throughOutages(message: JsMsg, handle: () => Promise<void>): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await handle();
        return;
      } catch (error) {
        if (!isOutage(error) || this.options.connection.isClosed() || this.closing) throw error;
        if (attempt === 0) this.options.logger.warn(`Waiting out an outage before handling seq ${message.seq}: ${errorMessage(error)}`);
        message.working();
        await new Promise((resolve) => setTimeout(resolve, outageDelay(attempt)));
        message.working();
      }
    }
  }

  /**
   * Makes the server drop a closed subscription's pull requests before anything is handed back: a
   * request outlives its subscription until it expires, and NATS before 2.10.14 (Debian's 2.9
   * among them), meeting one while it redelivers a nak'ed message to nobody else waiting, loses the
   * redelivery until the ack wait and sends the newest message again. Reading the consumer's info
   * prunes the requests nobody listens to any more.
   */
  private async forgetPullRequests(): Promise<void> {
    const { connection, jsm, stream, consumer, logger } = this.options;
    if (connection.isClosed()) return;
    try {
      await connection.flush();
      await jsm.consumers.info(stream, consumer);
    } catch (error) {
      logger.warn(`Pull requests of ${consumer} not pruned before handing back: ${errorMessage(error)}`);
    }
  }
}
