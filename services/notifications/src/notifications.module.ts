import type { ServiceDefinition } from '@liaison/kit';
import { ServiceLog } from '@liaison/http';
import { NotificationsConfig } from './config';
import { DeliveryFailures } from './deliveries/delivery-failures';
import { DigestScheduler } from './email/digest-scheduler';
import { EmailWorker } from './email/email-worker';
import { Mailer } from './email/mailer';
import { assertEveryEventIsRead, NOTIFIED_TYPES } from './events/event-facts';
import { FanOutHandler } from './fan-out/fan-out.handler';
import { FanOutService } from './fan-out/fan-out.service';
import { InboxService } from './inbox/inbox.service';
import { LiveStream } from './inbox/live-stream';
import { NotificationItem } from './inbox/notification-item.entity';
import { NotificationsController } from './inbox/notifications.controller';
import { FeedLeases } from './live-feed/feed-leases';
import { LiveFeed } from './live-feed/live-feed';
import { RecordSignals } from './live-feed/record-signals';
import { assertTemplatesCompile } from './messages/render';
import { notificationsMigrations } from './migrations';
import { NotificationPreferences } from './subscriptions/preferences.entity';
import { Subscription } from './subscriptions/subscription.entity';
import { SubscriptionsController } from './subscriptions/subscriptions.controller';
import { SubscriptionsService } from './subscriptions/subscriptions.service';
import { SecretBox, secretBoxOf, WEBHOOK_SECRET_BOX } from './webhooks/secret-box';
import { SecretResealing } from './webhooks/secret-resealing';
import { TargetGuard, WEBHOOK_TARGET_GUARD } from './webhooks/target-guard';
import { WebhookDelivery } from './webhooks/webhook-delivery.entity';
import { WebhookEndpoint } from './webhooks/webhook-endpoint.entity';
import { WebhookWorker } from './webhooks/webhook-worker';
import { WebhooksController } from './webhooks/webhooks.controller';
import { WebhooksService } from './webhooks/webhooks.service';

/**
 * The notifications service: subscriptions, inbox items and their live feed, e-mail (immediate
 * and daily digests) and webhooks, fed by every domain event. Started alone by main.ts, or
 * mounted by the standalone host.
 */
export const notificationsService: ServiceDefinition<NotificationsConfig> = {
  name: 'notifications',
  title: 'Liaison — notifications',
  description: 'Subscriptions, the inbox and its live feed (SSE), e-mail and digests, and signed webhooks.',
  entities: [Subscription, NotificationPreferences, NotificationItem, WebhookEndpoint, WebhookDelivery],
  migrations: notificationsMigrations,
  registry: true,
  consumesEvents: true,
  // fail at boot, not at the first event: every domain event has facts and templates that parse
  assertAtBoot: () => {
    assertEveryEventIsRead();
    assertTemplatesCompile(NOTIFIED_TYPES);
  },
  controllers: [SubscriptionsController, NotificationsController, WebhooksController, FanOutHandler],
  providers: (config) => [
    { provide: WEBHOOK_TARGET_GUARD, useValue: new TargetGuard(config.webhookAllowedHosts) },
    { provide: WEBHOOK_SECRET_BOX, inject: [ServiceLog], useFactory: (log: ServiceLog) => secretBoxOf(config, log.for(SecretBox.name)) },
    SecretResealing,
    SubscriptionsService,
    InboxService,
    LiveFeed,
    FeedLeases,
    RecordSignals,
    LiveStream,
    FanOutService,
    DeliveryFailures,
    Mailer,
    EmailWorker,
    DigestScheduler,
    WebhooksService,
    WebhookWorker,
  ],
  exports: [EmailWorker, WebhookWorker, DigestScheduler],
};
