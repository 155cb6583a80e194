import 'reflect-metadata';
import { parentPort, workerData } from 'node:worker_threads';
import { DataSource } from 'typeorm';
import { createLogger, loadConfig, ServiceLog } from '@liaison/http';
import { DEFAULT_RETRY_POLICY, type EventBus, InProcessBus, JetStreamBus, OutboxRelay, PostgresDeadLetters, provisionStreams } from '@liaison/messaging';
import { buildApps, RELAYS_PER_SERVICE } from '../apps';
import { StandaloneConfig } from '../config';
import { MirroredBus } from '../events/mirrored-bus';
import { OutboxHistory } from '../events/outbox-history';
import type { MountedApp } from '../http/gateway';
import { STANDALONE_SERVICES } from '../services';
import { CrossThreadNudges } from './cross-thread-nudges';
import { type DeliveryWorkerData, type FromDelivery, type ToDelivery, toThreadError } from './thread-protocol';

// The delivery thread (started by DeliveryThread on the main thread, after the HTTP thread's
// applications ran the migrations): every service's application built once more, as a replica
// without HTTP, on the same databases: its consumers on the in-process bus, its outbox relays
// and its background work. An error not caught here ends the thread, and the main thread ends
// the process.

const port = parentPort!;
const data = workerData as DeliveryWorkerData;
const send = (message: FromDelivery) => port.postMessage(message);

async function start(): Promise<{ bus: EventBus; stop: () => Promise<void> }> {
  const config = loadConfig(StandaloneConfig, data.env);
  const cleanups: Array<() => Promise<unknown>> = [];
  const stop = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch((error: unknown) => console.error(error));
  };
  try {
    const history = new OutboxHistory(data.settings.urls);
    cleanups.push(() => history.close());
    // dead letters in each consuming service's own database: listed, replayed or discarded after a restart too
    const deadLetters = new PostgresDeadLetters(new Map(STANDALONE_SERVICES.map(({ definition }, index) => [definition.name, data.settings.urls[index]])));
    cleanups.push(() => deadLetters.close());
    // the bus is every service's: its lines are the host's
    const log = new ServiceLog(createLogger('standalone', data.settings.logLevel));
    // each consumer's inbox commits the events under way together: more at once, fewer and larger transactions
    const local = new InProcessBus({ retry: DEFAULT_RETRY_POLICY, concurrency: 64, history, deadLetters, logger: log.for(InProcessBus.name) });
    const bus = new CrossThreadNudges(config.natsUrl ? new MirroredBus(local, await connectMirror(config, log)) : local);

    const apps = await buildApps(STANDALONE_SERVICES, 'delivery', bus, data.settings, data.env);
    // Stop order: the bus (what waits stays unsent), the relays, then the services.
    cleanups.push(() => Promise.all(apps.map(({ app }) => app.close())));
    const relays = extraRelays(apps, bus);
    cleanups.push(() => Promise.all(relays.map((relay) => relay.stop())));
    cleanups.push(() => bus.close());
    for (const { app } of apps) await app.init();
    for (const relay of relays) relay.start();
    return { bus, stop };
  } catch (error) {
    await stop();
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
  return apps.flatMap(({ app }) =>
    Array.from(
      { length: RELAYS_PER_SERVICE - 1 },
      () => new OutboxRelay(app.get(DataSource), bus, { retainSentMs: 0 /* the application's own relay prunes */, logger: app.get(ServiceLog).for(OutboxRelay.name) }),
    ),
  );
}

async function connectMirror(config: StandaloneConfig, log: ServiceLog): Promise<JetStreamBus> {
  const names = { subjectPrefix: config.natsSubjectPrefix, streamPrefix: config.natsStreamPrefix };
  const mirror = await JetStreamBus.connect(config.natsUrl!, 'liaison-standalone', { ...names, retry: DEFAULT_RETRY_POLICY, logger: log.for(JetStreamBus.name) });
  try {
    await provisionStreams(mirror.jsm, { ...names, duplicateWindowMs: 120_000, maxAgeMs: 0 });
  } catch (error) {
    await mirror.close();
    throw error;
  }
  return mirror;
}

start().then(
  ({ bus, stop }) => {
    port.on('message', (message: ToDelivery) => {
      if (message.kind === 'stop') {
        void stop().then(() => send({ kind: 'stopped' }));
        return;
      }
      // the dead-letter operations of the HTTP thread's routes
      const operation = (bus[message.method] as (...args: unknown[]) => Promise<unknown>).apply(bus, message.args);
      operation.then(
        (result) => send({ kind: 'reply', id: message.id, result }),
        (error: unknown) => send({ kind: 'reply', id: message.id, error: toThreadError(error) }),
      );
    });
    send({ kind: 'ready' });
  },
  (error: unknown) => {
    // the main thread sees the thread fail ('error') and says why
    throw error;
  },
);
