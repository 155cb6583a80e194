import { type INestApplication, ShutdownSignal } from '@nestjs/common';
import { loadConfig } from '@liaison/http';
import { createServiceApp, type ServiceAppRole } from '@liaison/kit';
import type { EventBus } from '@liaison/messaging';
import { REGISTRY_SUBJECTS } from '@liaison/registry';
import type { MountedApp } from './http/gateway';
import type { MountedService } from './services';

/**
 * Outbox relays per service on the delivery thread, its application's own included (see
 * delivery-worker): one round claims while the other's batch commits; more would only split the
 * same events into smaller batches.
 */
export const RELAYS_PER_SERVICE = 2;

/** What both threads build the services' applications from: the databases and the secrets of the data directory. */
export interface AppSettings {
  /** each service's database, in the order of the services */
  urls: string[];
  jwtSecret: string;
  adminEmail: string;
  password: string;
  secretKey: string;
  logLevel: string;
}

/**
 * Builds each service's application on `bus`, in start order, for one thread's share of the work
 * (`role`, see createServiceApp). Not yet initialised. A failure closes what was built.
 */
export async function buildApps(services: readonly MountedService[], role: ServiceAppRole, bus: EventBus, settings: AppSettings, env: NodeJS.ProcessEnv): Promise<MountedApp[]> {
  const apps: MountedApp[] = [];
  try {
    for (const [index, { definition, config: schema, background }] of services.entries()) {
      const serviceConfig = loadConfig(schema, {
        ...env,
        LOG_LEVEL: settings.logLevel,
        // the delivery thread's relays take connections besides the consumers'
        DATABASE_POOL_SIZE: env.DATABASE_POOL_SIZE ?? String(role === 'http' ? 10 : 10 + RELAYS_PER_SERVICE),
        PORT: '0',
        DATABASE_URL: settings.urls[index],
        AUTH_JWT_SECRET: settings.jwtSecret,
        LIAISON_SECRET_KEY: settings.secretKey,
        LIAISON_ADMIN_EMAIL: settings.adminEmail,
        LIAISON_ADMIN_PASSWORD: settings.password,
      });
      // the outbox tables are the history a consumer on a new database replays: sent rows go after
      // OUTBOX_RETENTION_HOURS, but the registry's, from which every service's replica is built, stay
      const app: INestApplication = await withOwnSignals(() => createServiceApp(definition, serviceConfig, { bus, role, relay: { keepSubjects: REGISTRY_SUBJECTS } }));
      if (role === 'http') for (const type of background ?? []) keepIdle(app, type);
      apps.push({ name: definition.name, app });
    }
    return apps;
  } catch (error) {
    await Promise.all(apps.map(({ app }) => app.close()));
    throw error;
  }
}

/**
 * Leaves a background provider of the application unstarted: its start hook (`onApplicationBootstrap`)
 * does nothing on this instance; its stop hook finds nothing under way.
 */
function keepIdle(app: INestApplication, type: Function): void {
  const instance = app.get(type, { strict: false }) as { onApplicationBootstrap?: () => unknown };
  if (typeof instance.onApplicationBootstrap !== 'function') throw new Error(`${type.name} has no start hook to keep idle`);
  instance.onApplicationBootstrap = () => undefined;
}

/** Runs `build`, then takes back the signal handlers it installed (each app's Nest shutdown hooks, on every signal they watch). */
async function withOwnSignals<T>(build: () => Promise<T>): Promise<T> {
  const signals = Object.values(ShutdownSignal) as NodeJS.Signals[];
  const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
  try {
    return await build();
  } finally {
    for (const signal of signals) {
      for (const listener of process.listeners(signal)) if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
}
