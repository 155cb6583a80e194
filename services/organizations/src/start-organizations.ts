import { NestFactory } from '@nestjs/core';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { asyncApiDocument } from '@liaison/contracts';
import { configureHttpApp, createHttpAdapter, createLogger, NestPinoLogger } from '@liaison/http';
import { runMigrations } from '@liaison/persistence';
import { OrganizationsConfig } from './config';
import { FirstStart } from './first-start/first-start.service';
import { OrganizationsModule, SERVICE_NAME } from './organizations.module';

/**
 * Boots the service: migrations first (a failed one stops the start), then the first-start
 * registry, then HTTP. Shared by main.ts and the tests, so tests run what production runs.
 */
export async function startOrganizations(config: OrganizationsConfig): Promise<INestApplication> {
  const logger = createLogger(SERVICE_NAME, config.logLevel);
  const app = await NestFactory.create(OrganizationsModule.forRoot(config), createHttpAdapter(), {
    logger: new NestPinoLogger(logger),
  });
  configureHttpApp(app, {
    service: SERVICE_NAME,
    title: 'Liaison — organizations',
    version: '1',
    description: 'The registry of partner organizations, their desks and desk officers.',
    asyncApi: asyncApiDocument({ service: SERVICE_NAME, title: 'Liaison — organizations events', version: '1' }),
    logger,
  });
  await runMigrations(app.get(DataSource));
  await app.get(FirstStart).ensureRegistry({ email: config.adminEmail, password: config.adminPassword });
  await app.listen(config.port, '0.0.0.0');
  return app;
}
