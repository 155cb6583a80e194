import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { currentTraceparent, type LiaisonEvent } from '@liaison/contracts';
import { EventContext, Inbox, joinStep } from '@liaison/messaging';
import { EmailWorker } from '../email/email-worker';
import { NOTIFIED_SUBJECTS } from '../events/event-facts';
import { LiveFeed } from '../live-feed/live-feed';
import { WebhookWorker } from '../webhooks/webhook-worker';
import { FanOutService, type FanOutShare } from './fan-out.service';

/**
 * The organizations subjects also feed the registry replica (libs/registry), whose handler
 * records the event under the consumer's own inbox key; Nest runs both handlers of a subject on
 * the one durable consumer. The fan-out records it under this suffix, so neither takes the
 * other's record for its own.
 */
const REGISTRY_SUBJECT = /^liaison\.organizations\./;
export const FAN_OUT_INBOX_SUFFIX = '+fan-out';

/**
 * Every domain event, once (inbox), fanned out in the inbox's transaction; deliveries start after
 * the commit. Neighbouring events of an inbox batch are fanned out by one statement (the
 * FanOutService step); a withdrawal or an officer leaving runs alone, in the batch's order.
 */
@Controller()
export class FanOutHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inbox: Inbox,
    private readonly fanOut: FanOutService,
    private readonly live: LiveFeed,
    private readonly emails: EmailWorker,
    private readonly webhooks: WebhookWorker,
  ) {}

  @EventPattern<string[]>(NOTIFIED_SUBJECTS)
  async onEvent(@Payload() event: LiaisonEvent, @Ctx() context: EventContext): Promise<void> {
    const key = REGISTRY_SUBJECT.test(context.subject) ? `${context.consumer}${FAN_OUT_INBOX_SUFFIX}` : context.consumer;
    const share: FanOutShare = { event, traceparent: currentTraceparent() };
    const outcome = await this.inbox.handleOnce(
      this.dataSource,
      key,
      event,
      FanOutService.changesWhatIsThere(event)
        ? (manager, transaction) => this.fanOut.fanOutAlone(manager, share, transaction)
        : joinStep(this.fanOut, share),
    );
    const result = share.fannedOut;
    if (outcome !== 'handled' || !result) return;
    const nudged = [...result.inAppOfficers, ...result.signalledOfficers];
    if (nudged.length > 0) this.live.nudge(nudged);
    if (result.emails > 0) this.emails.wake();
    if (result.webhooks > 0) this.webhooks.wake();
  }
}
