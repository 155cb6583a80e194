import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerClientError } from '@liaison/http';
import { buildApps } from './apps';
import type { StandaloneConfig } from './config';
import { DeliveryThread, ThreadBus } from './delivery/delivery-thread';
import { DeliveryLag } from './events/delivery-lag';
import { ConsoleFiles } from './http/console-files';
import { Gateway } from './http/gateway';
import { STANDALONE_SERVICES } from './services';
import { Credentials } from './storage/credentials';
import { DataDirectoryLock } from './storage/data-directory-lock';
import { EmbeddedPostgres } from './storage/embedded-postgres';
import { PostgresWatch } from './storage/postgres-watch';

/** Signals the host answers itself: libraries' own handlers (Nest's, per app) would exit mid-way. */
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export interface RunningHost {
  url: string;
  /** the data directory was new: its database cluster was made by this start */
  created: boolean;
  credentials: Credentials;
  /** the web console's build was found and is served at `/` */
  servesConsole: boolean;
  stop(): Promise<void>;
}

export interface HostOptions {
  /** the delivery thread failed after the start: the process delivers nothing any more (the host has not stopped) */
  onDeliveryFailure: (error: Error) => void;
  /** its Postgres stopped unexpectedly and could not be started again: nothing can be served (the host has not stopped) */
  onStorageFailure: (error: Error) => void;
  /** a line for the operator, of what the host did by itself (its Postgres started again) */
  notice: (line: string) => void;
}

/**
 * Runs every service in this process, on two threads: takes the data directory, starts its
 * Postgres (and keeps it running) with a database per service, builds each service's application
 * for HTTP on this thread (migrations, start steps; no consumers, no relays), then starts the
 * delivery thread (delivery-worker.ts: each service's application once more, with its consumers
 * on the in-process bus, its relays and its background work), and serves the first ones on one
 * port once the delivery runs.
 */
export async function startHost(config: StandaloneConfig, env: NodeJS.ProcessEnv, options: HostOptions): Promise<RunningHost> {
  // the delivery thread mounts the same list
  const services = STANDALONE_SERVICES;
  // the data directory first: a second start of the same Liaison is told so, whatever its port
  const lock = await DataDirectoryLock.acquire(config.dataDir);
  const cleanups: Array<() => Promise<unknown>> = [() => lock.release()];
  const cleanUp = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch((error: unknown) => console.error(error));
  };
  try {
    // a port another program holds stops the start before Postgres is made or started
    await assertPortFree(config.port, config.host);
    const { server: postgres, created } = await EmbeddedPostgres.open(config.dataDir);
    await postgres.start();
    cleanups.push(() => postgres.stop());
    const watch = PostgresWatch.start(postgres, { say: options.notice, gaveUp: options.onStorageFailure });
    cleanups.push(() => watch.close());
    const credentials = await Credentials.load(config.dataDir, {
      jwtSecret: config.jwtSecret,
      adminEmail: config.adminEmail,
      password: config.adminPassword,
      secretKey: config.secretKey || undefined,
    });
    const urls = await Promise.all(services.map(({ definition }) => postgres.database(`liaison_${definition.name.replace(/-/g, '_')}`)));
    const settings = {
      urls,
      jwtSecret: credentials.jwtSecret,
      adminEmail: credentials.adminEmail,
      password: credentials.password,
      secretKey: credentials.secretKey,
      logLevel: config.logLevel,
    };

    const bus = new ThreadBus();
    cleanups.push(() => bus.close());
    // migrations and start steps run here, before the delivery thread builds the same applications
    const apps = await buildApps(services, 'http', bus, settings, env);
    cleanups.push(() => Promise.all(apps.map(({ app }) => app.close())));
    for (const { app } of apps) await app.init();
    // Stop order: the HTTP server, the delivery thread (its bus: what waits stays unsent; its
    // relays; its applications), this thread's applications, then Postgres.
    const delivery = await DeliveryThread.start({ settings, env });
    cleanups.push(() => delivery.stop());
    delivery.onFailure(options.onDeliveryFailure);
    bus.attach(delivery);

    const lag = DeliveryLag.watch(services.map(({ definition }, index) => ({ name: definition.name, url: urls[index] })), config.maxDeliveryLagMs);
    cleanups.push(() => lag.close());
    const consoleFiles = await ConsoleFiles.at(config.consoleDir);
    const gateway = await Gateway.mount(apps, consoleFiles, lag);
    const http = createServer(gateway.handle);
    // what the parser refuses before the gateway sees it (headers too large, not HTTP) is problem details, as from a service
    http.on('clientError', answerClientError);
    await listen(http, config.port, config.host);
    cleanups.push(() => closeServer(http));
    const { port } = http.address() as AddressInfo;
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    return { url: `http://${host}:${port}`, created, credentials, servesConsole: consoleFiles !== undefined, stop: cleanUp };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? portInUse(port, host) : error));
    server.listen(port, host, () => resolve());
  });
}

async function assertPortFree(port: number, host: string): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  await listen(probe, port, host);
  await new Promise((resolve) => probe.close(resolve));
}

function portInUse(port: number, host: string): Error {
  return new Error(`Port ${port} on ${host} is in use by another program: stop it, or start Liaison on another port (PORT=${port + 1} npm start)`);
}

/** Stops taking connections and ends the open ones (live feeds stay open otherwise). */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export { SIGNALS };
