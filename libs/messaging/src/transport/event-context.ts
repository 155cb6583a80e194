import { BaseRpcContext } from '@nestjs/microservices';
import type { Delivery } from '../event-bus';

/** What a handler may want to know about the delivery it handles: `@Ctx() context: EventContext`. */
export class EventContext extends BaseRpcContext<[Delivery]> {
  /** the durable consumer; also the inbox's consumer key */
  get consumer(): string {
    return this.args[0].consumer;
  }

  get subject(): string {
    return this.args[0].subject;
  }

  /** 1 on the first delivery */
  get deliveryCount(): number {
    return this.args[0].deliveryCount;
  }

  /** the trace this event belongs to (from the NATS header, else the event's extension) */
  get traceparent(): string | undefined {
    return this.args[0].traceparent ?? this.args[0].event.traceparent;
  }
}
