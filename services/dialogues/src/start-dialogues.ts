import { NestFactory } from '@nestjs/core';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { asyncApiDocument } from '@liaison/contracts';
import { configureHttpApp, createHttpAdapter, createLogger, NestPinoLogger } from '@liaison/http';
import { connectEventConsumers } from '@liaison/messaging';
import { runMigrations } from '@liaison/persistence';
import { DialoguesConfig } from './config';
import { DialoguesModule, SERVICE_NAME } from './dialogues.module';

/**
 * Boots the service: migrations first (a failed one stops the start), then the event consumers
 * (the registry read model; on an empty database they replay the stream from its start), then
 * HTTP. Shared by main.ts and the tests, so tests run what production runs.
 */
export async function startDialogues(config: DialoguesConfig): Promise<INestApplication> {
  const logger = createLogger(SERVICE_NAME, config.logLevel);
  const app = await NestFactory.create(DialoguesModule.forRoot(config), createHttpAdapter(), {
    logger: new NestPinoLogger(logger),
  });
  configureHttpApp(app, {
    service: SERVICE_NAME,
    title: 'Liaison — dialogues',
    version: '1',
    description:
      'Dialogues between the UN and regional organizations and their recommendations, briefs on issues of concern, and peacemaking or crisis-diplomacy initiatives. Every read applies the classification rule (TLP 2.0): what the caller may not see is a 404 and never listed or counted.',
    asyncApi: asyncApiDocument({ service: SERVICE_NAME, title: 'Liaison — dialogues events', version: '1' }),
    logger,
  });
  await runMigrations(app.get(DataSource));
  connectEventConsumers(app);
  await app.startAllMicroservices();
  await app.listen(config.port, '0.0.0.0');
  return app;
}
