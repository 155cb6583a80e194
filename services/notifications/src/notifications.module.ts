import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEntry, AuthModule } from '@liaison/auth';
import { EVENT_CATALOG } from '@liaison/contracts';
import { eventStreamOptions, IdempotencyRecord, ServiceHttpModule } from '@liaison/http';
import { EventBus, InboxRecord, MessagingModule, OutboxRecord } from '@liaison/messaging';
import { postgresDataSourceOptions } from '@liaison/persistence';
import { registryEntities, RegistryReplicaModule } from '@liaison/registry';
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
import { LiveFeed } from './live-feed/live-feed';
import { assertTemplatesCompile } from './messages/render';
import { notificationsMigrations } from './migrations';
import { NotificationPreferences } from './subscriptions/preferences.entity';
import { Subscription } from './subscriptions/subscription.entity';
import { SubscriptionsController } from './subscriptions/subscriptions.controller';
import { SubscriptionsService } from './subscriptions/subscriptions.service';
import { TargetGuard, WEBHOOK_TARGET_GUARD } from './webhooks/target-guard';
import { WebhookDelivery } from './webhooks/webhook-delivery.entity';
import { WebhookEndpoint } from './webhooks/webhook-endpoint.entity';
import { WebhookWorker } from './webhooks/webhook-worker';
import { WebhooksController } from './webhooks/webhooks.controller';
import { WebhooksService } from './webhooks/webhooks.service';

export const SERVICE_NAME = 'notifications';

export const notificationsEntities = [
  Subscription,
  NotificationPreferences,
  NotificationItem,
  WebhookEndpoint,
  WebhookDelivery,
  ...registryEntities,
  OutboxRecord,
  InboxRecord,
  AuditEntry,
  IdempotencyRecord,
];

/**
 * The notifications service: subscriptions, inbox items and their live feed, e-mail (immediate
 * and daily digests) and webhooks, fed by every domain event. Booted alone by main.ts, or
 * mounted by the standalone host.
 */
@Module({})
export class NotificationsModule {
  static forRoot(config: NotificationsConfig): DynamicModule {
    // Fail at boot, not at the first event: every domain event has facts and templates that parse.
    assertEveryEventIsRead();
    assertTemplatesCompile(NOTIFIED_TYPES);
    return {
      module: NotificationsModule,
      imports: [
        TypeOrmModule.forRoot(
          postgresDataSourceOptions({
            url: config.databaseUrl,
            poolSize: config.databasePoolSize,
            applicationName: `liaison-${SERVICE_NAME}`,
            entities: notificationsEntities,
            migrations: notificationsMigrations,
          }),
        ),
        ServiceHttpModule.forRoot({
          service: SERVICE_NAME,
          rateLimitPerMinute: config.rateLimitPerMinute,
          readiness: { inject: [EventBus], useFactory: (bus: EventBus) => [{ name: 'nats', isReady: () => bus.isConnected() }] },
        }),
        AuthModule.forRoot({ jwtSecret: config.jwtSecret, jwksUrl: config.jwksUrl }),
        MessagingModule.forRoot({ service: SERVICE_NAME, ...eventStreamOptions(config), catalog: EVENT_CATALOG }),
        RegistryReplicaModule,
      ],
      controllers: [SubscriptionsController, NotificationsController, WebhooksController, FanOutHandler],
      providers: [
        { provide: NotificationsConfig, useValue: config },
        { provide: WEBHOOK_TARGET_GUARD, useValue: new TargetGuard(config.webhookAllowedHosts) },
        SubscriptionsService,
        InboxService,
        LiveFeed,
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
  }
}
