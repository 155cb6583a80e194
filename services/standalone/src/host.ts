import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type INestApplication, ShutdownSignal } from '@nestjs/common';
import { loadConfig } from '@liaison/http';
import { createServiceApp } from '@liaison/kit';
import { DEFAULT_RETRY_POLICY, type EventBus, InProcessBus, JetStreamBus, OutboxRelay, PostgresDeadLetters, provisionStreams } from '@liaison/messaging';
import { REGISTRY_SUBJECTS } from '@liaison/registry';
import { DataSource } from 'typeorm';
import type { StandaloneConfig } from './config';
import { DeliveryLag } from './events/delivery-lag';
import { MirroredBus } from './events/mirrored-bus';
import { OutboxHistory } from './events/outbox-history';
import { ConsoleFiles } from './http/console-files';
import { Gateway, type MountedApp } from './http/gateway';
import type { MountedService } from './services';
import { Credentials } from './storage/credentials';
import { DataDirectoryLock } from './storage/data-directory-lock';
import { EmbeddedPostgres } from './storage/embedded-postgres';

/** Signals the host answers itself: libraries' own handlers (Nest's, per app) would exit mid-way. */
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** outbox relays per service, its application's own included (see extraRelays) */
const RELAYS_PER_SERVICE = 4;

export interface RunningHost {
  url: string;
  /** the data directory was new: its database cluster was made by this start */
  created: boolean;
  credentials: Credentials;
  stop(): Promise<void>;
}

/**
 * Runs every service in this process: takes the data directory, starts its Postgres with a
 * database per service, builds each service's application on the shared in-process bus (its
 * consumers subscribe), then starts them all (their relays publish) and serves them on one port.
 */
export async function startHost(config: StandaloneConfig, services: readonly MountedService[], env: NodeJS.ProcessEnv): Promise<RunningHost> {
  const lock = await DataDirectoryLock.acquire(config.dataDir);
  const cleanups: Array<() => Promise<unknown>> = [() => lock.release()];
  const cleanUp = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch((error: unknown) => console.error(error));
  };
  try {
    const { server: postgres, created } = await EmbeddedPostgres.open(config.dataDir);
    await postgres.start();
    cleanups.push(() => postgres.stop());
    const credentials = await Credentials.load(config.dataDir, {
      jwtSecret: config.jwtSecret,
      adminEmail: config.adminEmail,
      password: config.adminPassword,
      secretKey: config.secretKey || undefined,
    });
    const urls = await Promise.all(services.map(({ definition }) => postgres.database(`liaison_${definition.name.replace(/-/g, '_')}`)));

    const history = new OutboxHistory(urls);
    cleanups.push(() => history.close());
    // dead letters in each consuming service's own database: listed, replayed or discarded after a restart too
    const deadLetters = new PostgresDeadLetters(new Map(services.map(({ definition }, index) => [definition.name, urls[index]])));
    cleanups.push(() => deadLetters.close());
    const local = new InProcessBus({ retry: DEFAULT_RETRY_POLICY, concurrency: 32, history, deadLetters });
    const bus = config.natsUrl ? new MirroredBus(local, await connectMirror(config)) : local;

    const apps = await withOwnSignals(() => buildApps(services, urls, bus, credentials, config, env));
    // Stop order: the HTTP server, the bus (what waits stays unsent), the services, then Postgres.
    cleanups.push(() => Promise.all(apps.map(({ app }) => app.close())));
    const relays = extraRelays(apps, bus);
    cleanups.push(() => Promise.all(relays.map((relay) => relay.stop())));
    cleanups.push(() => bus.close());
    for (const { app } of apps) await app.init();
    for (const relay of relays) relay.start();

    const lag = DeliveryLag.watch(services.map(({ definition }, index) => ({ name: definition.name, url: urls[index] })), config.maxDeliveryLagMs);
    cleanups.push(() => lag.close());
    const gateway = await Gateway.mount(apps, await ConsoleFiles.at(config.consoleDir), lag);
    const http = createServer(gateway.handle);
    await listen(http, config.port, config.host);
    cleanups.push(() => closeServer(http));
    const { port } = http.address() as AddressInfo;
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    return { url: `http://${host}:${port}`, created, credentials, stop: cleanUp };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

async function buildApps(
  services: readonly MountedService[],
  urls: string[],
  bus: EventBus,
  credentials: Credentials,
  config: StandaloneConfig,
  env: NodeJS.ProcessEnv,
): Promise<MountedApp[]> {
  const apps: MountedApp[] = [];
  try {
    for (const [index, { definition, config: schema }] of services.entries()) {
      const serviceConfig = loadConfig(schema, {
        ...env,
        LOG_LEVEL: config.logLevel,
        // room for the extra relays' connections besides the requests'
        DATABASE_POOL_SIZE: env.DATABASE_POOL_SIZE ?? String(10 + RELAYS_PER_SERVICE),
        PORT: '0',
        DATABASE_URL: urls[index],
        AUTH_JWT_SECRET: credentials.jwtSecret,
        LIAISON_SECRET_KEY: credentials.secretKey,
        LIAISON_ADMIN_EMAIL: credentials.adminEmail,
        LIAISON_ADMIN_PASSWORD: credentials.password,
      });
      // the outbox tables are the history a consumer on a new database replays: sent rows go after
      // OUTBOX_RETENTION_HOURS, but the registry's, from which every service's replica is built, stay
      const app: INestApplication = await createServiceApp(definition, serviceConfig, { bus, relay: { keepSubjects: REGISTRY_SUBJECTS } });
      apps.push({ name: definition.name, app });
    }
    return apps;
  } catch (error) {
    await Promise.all(apps.map(({ app }) => app.close()));
    throw error;
  }
}

/**
 * More relays per service than the one its application starts. A relay's round lasts until every
 * local consumer has committed its batch (the durable bus's rule), so one relay would let a new
 * event wait for the whole previous batch; the relay is safe with any number of replicas (rows
 * are claimed with advisory locks), so several rounds go on at once.
 */
function extraRelays(apps: readonly MountedApp[], bus: EventBus): OutboxRelay[] {
  return apps.flatMap(({ app }) => Array.from({ length: RELAYS_PER_SERVICE - 1 }, () => new OutboxRelay(app.get(DataSource), bus, { retainSentMs: 0 /* the application's own relay prunes */ })));
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

async function connectMirror(config: StandaloneConfig): Promise<JetStreamBus> {
  const names = { subjectPrefix: config.natsSubjectPrefix, streamPrefix: config.natsStreamPrefix };
  const mirror = await JetStreamBus.connect(config.natsUrl!, 'liaison-standalone', { ...names, retry: DEFAULT_RETRY_POLICY });
  try {
    await provisionStreams(mirror.jsm, { ...names, duplicateWindowMs: 120_000, maxAgeMs: 0 });
  } catch (error) {
    await mirror.close();
    throw error;
  }
  return mirror;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
}

/** Stops taking connections and ends the open ones (live feeds stay open otherwise). */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export { SIGNALS };
