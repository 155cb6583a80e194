import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { asyncApiDocument } from '@liaison/contracts';
import { configureHttpApp, createHttpAdapter, createLogger, loadConfig, NestPinoLogger, ServiceConfig, ServiceLog } from '@liaison/http';
import { connectEventConsumers } from '@liaison/messaging';
import { keepConnectionLossFromEndingTheProcess, migrateDatabase, runMigrations } from '@liaison/persistence';
import type { ServiceDefinition } from './service-definition';
import { ServiceModule, type ServiceModuleOptions, serviceEntities, serviceMigrations } from './service.module';

/**
 * What an application of the service does. `all`: its routes, its event consumers and its outbox
 * relay (a service on its own). The services run as replicas of one database, so the work can be
 * split between two applications of the same service (the standalone host's two threads): `http`
 * serves the routes only (no consumers, no relay: its writes' outbox rows are relayed by another
 * replica); `delivery` runs the consumers and the relay, without the HTTP pipeline and documents
 * (it never listens) and without the service's start step (`onStart`), which the `http`
 * application, built first, has run.
 */
export type ServiceAppRole = 'all' | 'http' | 'delivery';

/**
 * Nest's own lines through the service's logger, but for @nestjs/typeorm's warning that a data
 * source name is registered twice in the process: its registry is process-wide, while each
 * application has its own container with the kit's one data source, so the standalone host's
 * applications (five services, on two threads) are not the clash it warns of.
 */
class ServiceNestLogger extends NestPinoLogger {
  override warn(message: unknown, context?: string): void {
    if (context !== 'DataSourceNameRegistry') super.warn(message, context);
  }
}

export interface CreateServiceAppOptions extends ServiceModuleOptions {
  /** default `all` */
  role?: ServiceAppRole;
}

/**
 * Builds a service's application without listening: migrations first (a failed one stops the
 * start), then its own start step, then the event consumers (on an empty database they replay the
 * stream from its start). The standalone host mounts what this returns; `startService` listens.
 */
export async function createServiceApp<C extends ServiceConfig>(
  definition: ServiceDefinition<C>,
  config: C,
  { role = 'all', ...options }: CreateServiceAppOptions = {},
): Promise<INestApplication> {
  const logger = createLogger(definition.name, config.logLevel);
  const log = new ServiceLog(logger);
  const moduleOptions: ServiceModuleOptions & { log: ServiceLog } = { ...options, log, ...(role === 'http' ? { relay: { ...options.relay, enabled: false } } : {}) };
  const app = await NestFactory.create(ServiceModule.forRoot(definition, config, moduleOptions), createHttpAdapter({ trustedProxies: config.trustedProxies }), {
    logger: new ServiceNestLogger(logger),
  });
  // a delivery application never serves: no HTTP pipeline, no documents
  if (role !== 'delivery') {
    await configureHttpApp(app, {
      service: definition.name,
      title: definition.title,
      version: '1',
      description: definition.description,
      asyncApi: asyncApiDocument({ service: definition.name, title: `${definition.title} events`, version: '1' }),
      logger,
      drainSeconds: config.shutdownDrainSeconds,
    });
  }
  keepConnectionLossFromEndingTheProcess(app.get(DataSource));
  await runMigrations(app.get(DataSource));
  if (role !== 'delivery') await definition.onStart?.(app, config);
  if (role !== 'http' && (definition.consumesEvents || definition.registry)) {
    connectEventConsumers(app);
    await app.startAllMicroservices();
  }
  return app;
}

/** Boots a service alone: its application, listening on the config's port. Used by main.ts and the tests. */
export async function startService<C extends ServiceConfig>(definition: ServiceDefinition<C>, config: C): Promise<INestApplication> {
  const app = await createServiceApp(definition, config);
  await app.listen(config.port, '0.0.0.0');
  return app;
}

/** A service's main.ts: reads its environment once, starts, and on failure says why and exits non-zero. */
export function runService<C extends ServiceConfig>(definition: ServiceDefinition<C>, schema: new () => C, env: NodeJS.ProcessEnv): void {
  Promise.resolve()
    .then(() => startService(definition, loadConfig(schema, env)))
    .catch((error: unknown) => {
      // A start that fails says why and exits non-zero, so an orchestrator does not wait on it.
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}

/** `nx migrate <service>`: runs the service's pending migrations and exits; the service also runs them at start. */
export function runMigrate<C extends ServiceConfig>(definition: ServiceDefinition<C>, schema: new () => C, env: NodeJS.ProcessEnv): void {
  Promise.resolve()
    .then(() => {
      const config = loadConfig(schema, env);
      return migrateDatabase({
        url: config.databaseUrl,
        applicationName: `liaison-${definition.name}-migrate`,
        entities: serviceEntities(definition),
        migrations: serviceMigrations(definition),
      });
    })
    .then((ran) => console.log(ran.length ? `ran: ${ran.join(', ')}` : 'the database is up to date'))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
