import { Catch, type LoggerService, type RpcExceptionFilter } from '@nestjs/common';
import { type CustomTransportStrategy, type MessageHandler, Server } from '@nestjs/microservices';
import { type Observable, isObservable, lastValueFrom, throwError } from 'rxjs';
import type { EventDefinition } from '@liaison/contracts';
import type { Delivery, EventBus, EventSubscription } from '../event-bus';
import { runWithTraceparent } from '@liaison/contracts';
import { durableConsumerName } from '../wire-names';
import { EventContext } from './event-context';
import { assertValidEvent } from './payload-validation';

export interface EventTransportOptions {
  /** the consuming service: durable consumer names are `<service>__<subject>` */
  service: string;
  bus: EventBus;
  /**
   * The event catalog. When given, a handler whose subject is not in it fails the boot, and every
   * event's payload is validated against its definition before the handler sees it.
   */
  catalog?: readonly EventDefinition[];
  /**
   * Asked once per handler at boot: true re-creates its durable consumer so it delivers from the
   * first event. `connectEventConsumers` answers "the consumer's inbox is empty", i.e. the
   * database is new (or rebuilt) while the consumer may have survived.
   */
  replayFromStart?: (consumer: string) => Promise<boolean>;
  /** where its lines go; Nest's process-wide logger by default */
  logger?: LoggerService;
}

/**
 * Nest transport over an `EventBus` (JetStream or in-process): service handlers are plain
 * `@EventPattern<string>(definition.subject)` methods receiving the `LiaisonEvent` (and
 * `@Ctx() EventContext`). The event is acknowledged when the handler's promise resolves, so a
 * handler must finish its transaction (Inbox.handleOnce) before returning.
 */
export class EventTransport extends Server implements CustomTransportStrategy {
  private readonly subscriptions: EventSubscription[] = [];

  // Nest's Server sets it; declared again only to be replaced by the service's own
  declare protected readonly logger: LoggerService;

  constructor(private readonly options: EventTransportOptions) {
    super();
    if (options.logger) this.logger = options.logger;
  }

  /** Nest calls this at startAllMicroservices(); an error here fails the boot. */
  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      await this.subscribeHandlers();
      callback();
    } catch (error) {
      await this.close();
      callback(error);
    }
  }

  async close(): Promise<void> {
    const subscriptions = this.subscriptions.splice(0);
    await Promise.all(subscriptions.map((subscription) => subscription.close()));
  }

  /** Event listeners of the transport itself are not supported: watch `EventBus.isConnected()`. */
  on(): never {
    throw new Error('EventTransport emits no events; use EventBus.isConnected()');
  }

  unwrap<T>(): T {
    return this.options.bus as T;
  }

  private async subscribeHandlers(): Promise<void> {
    const { bus, catalog, service, replayFromStart } = this.options;
    const handlers = [...this.messageHandlers.entries()];
    const requestHandlers = handlers.filter(([, handler]) => !handler.isEventHandler).map(([pattern]) => pattern);
    if (requestHandlers.length > 0) {
      throw new Error(`Events have no reply: use @EventPattern, not @MessagePattern, for ${requestHandlers.join(', ')}`);
    }
    if (catalog) {
      const unknown = handlers.map(([subject]) => subject).filter((subject) => !catalog.some((definition) => definition.subject === subject));
      if (unknown.length > 0) throw new Error(`No event in the catalog for handler subject(s): ${unknown.join(', ')}`);
    }
    for (const [subject, handler] of handlers) {
      const consumer = durableConsumerName(service, subject);
      if (await replayFromStart?.(consumer)) {
        this.logger.log(`Consumer ${consumer} re-created to replay the stream from the start`);
        await bus.resetConsumer(consumer, subject);
      }
      this.subscriptions.push(await bus.subscribe(consumer, subject, (delivery) => this.handle(delivery, handler)));
    }
  }

  private async handle(delivery: Delivery, handler: MessageHandler): Promise<void> {
    if (this.options.catalog) await assertValidEvent(this.options.catalog, delivery.subject, delivery.event);
    const context = new EventContext([delivery]);
    await runWithTraceparent(context.traceparent, async () => {
      const result: unknown = await handler(delivery.event, context);
      // Nest hands back the handler's outcome as an Observable; its error is the handler's error.
      if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
    });
  }
}

/**
 * Hands a handler's error to the transport unchanged. Without it Nest replaces any error but an
 * RpcException with "Internal server error", so dead letters would not say why, and a handler's
 * `UnprocessableEvent` would be retried. `connectEventConsumers` installs it.
 */
@Catch()
export class EventHandlerErrorFilter implements RpcExceptionFilter {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}
