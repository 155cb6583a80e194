import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import type { LiaisonEvent } from '@liaison/contracts';
import { EventContext, Inbox } from '@liaison/messaging';
import { EmailWorker } from '../email/email-worker';
import { NOTIFIED_SUBJECTS } from '../events/event-facts';
import { LiveFeed } from '../live-feed/live-feed';
import { WebhookWorker } from '../webhooks/webhook-worker';
import { FanOutService, type FannedOut } from './fan-out.service';

/**
 * The organizations subjects also feed the registry replica (libs/registry), whose handler
 * records the event under the consumer's own inbox key; Nest runs both handlers of a subject on
 * the one durable consumer. The fan-out records it under this suffix, so neither takes the
 * other's record for its own.
 */
const REGISTRY_SUBJECT = /^liaison\.organizations\./;
export const FAN_OUT_INBOX_SUFFIX = '+fan-out';

/** Every domain event, once (inbox), fanned out in the inbox's transaction; deliveries start after the commit. */
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
    let result: FannedOut | undefined;
    const outcome = await this.inbox.handleOnce(this.dataSource, key, event, async (manager, transaction) => {
      result = await this.fanOut.fanOut(manager, event, transaction);
    });
    if (outcome !== 'handled' || !result) return;
    if (result.inAppOfficers.length > 0) this.live.nudge(result.inAppOfficers);
    if (result.emails > 0) this.emails.wake();
    if (result.webhooks > 0) this.webhooks.wake();
  }
}
