import { NestFactory } from '@nestjs/core';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { asyncApiDocument } from '@liaison/contracts';
import { configureHttpApp, createHttpAdapter, createLogger, NestPinoLogger } from '@liaison/http';
import { connectEventConsumers } from '@liaison/messaging';
import { runMigrations } from '@liaison/persistence';
import { NotificationsConfig } from './config';
import { NotificationsModule, SERVICE_NAME } from './notifications.module';

/**
 * Boots the service: migrations first (a failed one stops the start), then the event consumers
 * (a handler without a catalog entry stops it), then HTTP. Shared by main.ts and the tests.
 */
export async function startNotifications(config: NotificationsConfig): Promise<INestApplication> {
  const logger = createLogger(SERVICE_NAME, config.logLevel);
  const app = await NestFactory.create(NotificationsModule.forRoot(config), createHttpAdapter(), {
    logger: new NestPinoLogger(logger),
  });
  configureHttpApp(app, {
    service: SERVICE_NAME,
    title: 'Liaison — notifications',
    version: '1',
    description: 'Subscriptions, the inbox and its live feed (SSE), e-mail and digests, and signed webhooks.',
    asyncApi: asyncApiDocument({ service: SERVICE_NAME, title: 'Liaison — notifications events', version: '1' }),
    logger,
  });
  await runMigrations(app.get(DataSource));
  connectEventConsumers(app);
  await app.startAllMicroservices();
  await app.listen(config.port, '0.0.0.0');
  return app;
}
