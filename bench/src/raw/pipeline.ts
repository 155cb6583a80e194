import { randomUUID } from 'node:crypto';
import { connect, nanos } from '@nats-io/transport-node';
import { type JetStreamManager, AckPolicy, DeliverPolicy, DiscardPolicy, RetentionPolicy, StorageType, jetstreamManager } from '@nats-io/jetstream';
import { nowMs, sleep } from '../clock';
import { type BenchContext, repeat } from '../context';
import { type LoadReport, closedLoop, openLoop, perSecond } from '../load';
import { ClientPool } from '../pool';
import { Child, UsageSampler } from '../processes';
import { LatencyRecorder } from '../recorder';
import { type Measurement, type RunFigures, summarize } from '../results';
import { WaitSampler } from '../pg-waits';
import { SERVERS } from '../watch';
import { CONSUMER_SCHEMA, type ConsumerBatch, PRODUCER_SCHEMA, seedSubscriptions } from './pipeline-schema';

/** Settings of the bare pipeline; the README repeats them beside the figures. */
export const PIPELINE = {
  /** producer transactions in flight at the maximum (closed loop) */
  producersAtMax: 8,
  /** connections the producer may use under an offered load */
  producerPool: 16,
  relayBatch: 100,
  /** the relay's sleep when the outbox is empty (it polls; no NOTIFY) */
  relayIdleMs: 2,
  /** handlers of the consumer, each with its own connection, acking after its commit */
  consumerConcurrency: 4,
  countries: 20,
} as const;

export interface PipelineLoad {
  key: string;
  label: string;
  /** events/s offered (open loop); undefined: as fast as `producersAtMax` producers go */
  offered?: number;
  /** subscribers per event: 1 inserts one row per event; more inserts them from `subscriptions` */
  fanout: number;
}

const WORKER = 'bench/src/raw/pipeline-worker.ts';

/**
 * The bare transactional-outbox pipeline: the producer (in the harness) commits a row and an
 * outbox row in one transaction; a relay process claims outbox rows `FOR UPDATE SKIP LOCKED` in
 * batches, publishes them with msgID and marks them sent; a consumer process (JetStream pull
 * consumer) inserts a row with a unique key and acks after its commit. Latency runs from the
 * producer's commit to the consumer's commit.
 */
export async function measurePipeline(ctx: BenchContext, loads: PipelineLoad[]): Promise<Measurement[]> {
  const fanout = Math.max(...loads.map((l) => l.fanout));
  const producerUrl = await ctx.isolation.createDatabase('raw_producer');
  const consumerUrl = await ctx.isolation.createDatabase('raw_consumer');
  const producers = await ClientPool.open(producerUrl, PIPELINE.producerPool);
  const consumerDb = await ClientPool.open(consumerUrl, 1);
  await producers.use((c) => c.query(PRODUCER_SCHEMA));
  await consumerDb.use(async (c) => {
    await c.query(CONSUMER_SCHEMA);
    await c.query(seedSubscriptions(PIPELINE.countries, fanout));
    await c.query('ANALYZE subscriptions');
  });
  const nc = await connect({ servers: ctx.isolation.natsUrl, name: 'bench-pipeline' });
  const jsm = await jetstreamManager(nc);
  const stream = `${ctx.isolation.streamPrefix}RAW_PIPELINE`;
  const subjectRoot = `${ctx.isolation.subjectPrefix}raw.pipeline`;
  await jsm.streams.add({
    name: stream,
    subjects: [`${subjectRoot}.>`],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    duplicate_window: nanos(120_000),
  });
  const measurements: Measurement[] = [];
  let durable = 0;
  try {
    for (const load of loads) {
      const runs = await repeat(ctx, load.label, async () => {
        await producers.use((c) => c.query('TRUNCATE items, outbox'));
        await consumerDb.use((c) => c.query('TRUNCATE received, inbox_items'));
        await jsm.streams.purge(stream);
        const name = `raw_pipeline_${durable++}`;
        await jsm.consumers.add(stream, {
          durable_name: name,
          ack_policy: AckPolicy.Explicit,
          deliver_policy: DeliverPolicy.All,
          filter_subject: `${subjectRoot}.>`,
          max_ack_pending: 10_000,
          ack_wait: nanos(30_000),
        });
        try {
          return await runPipeline(ctx, load, { producerUrl, consumerUrl, stream, durable: name, subject: `${subjectRoot}.item.created`, producers, jsm });
        } finally {
          await jsm.consumers.delete(stream, name).catch(() => undefined);
        }
      });
      measurements.push(
        summarize(
          {
            part: 'raw',
            key: load.key,
            label: load.label,
            offered: load.offered,
            unit: 'events/s',
            latencyFrom: "producer's commit → consumer's commit",
          },
          runs,
        ),
      );
    }
  } finally {
    await producers.close();
    await consumerDb.close();
    await nc.close();
  }
  return measurements;
}

async function runPipeline(
  ctx: BenchContext,
  load: PipelineLoad,
  setup: { producerUrl: string; consumerUrl: string; stream: string; durable: string; subject: string; producers: ClientPool; jsm: JetStreamManager },
): Promise<RunFigures> {
  const { warmupSeconds, windowSeconds } = ctx.options;
  const common = { NATS_URL: ctx.isolation.natsUrl };
  const relay = new Child('relay', [...ctx.build.nodeArgs(WORKER, ctx.profileDir('relay')), 'relay'], {
    ...common,
    DATABASE_URL: setup.producerUrl,
    RELAY_BATCH: String(PIPELINE.relayBatch),
    RELAY_IDLE_MS: String(PIPELINE.relayIdleMs),
  }, ctx.build.logFile('relay'));
  const consumer = new Child('consumer', [...ctx.build.nodeArgs(WORKER, ctx.profileDir('consumer')), 'consumer'], {
      ...common,
      DATABASE_URL: setup.consumerUrl,
      STREAM: setup.stream,
      DURABLE: setup.durable,
      FANOUT: String(load.fanout > 1),
      CONSUMER_CONCURRENCY: String(PIPELINE.consumerConcurrency),
  }, ctx.build.logFile('consumer'));
  const committed = new Map<string, number>();
  const latency = new LatencyRecorder();
  let delivered = 0;
  let rows = 0;
  let received = 0;
  let from = Infinity;
  let to = Infinity;
  consumer.process.on('message', (message: ConsumerBatch) => {
    if (message.type !== 'received') return;
    for (const [id, at, inserted] of message.items) {
      received++;
      const producedAt = committed.get(id);
      if (producedAt !== undefined && producedAt >= from && producedAt < to) latency.record(at - producedAt);
      if (at >= from && at < to) {
        delivered++;
        rows += inserted;
      }
    }
  });
  try {
    await Promise.all([relay.waitForMessage('ready', 30_000), consumer.waitForMessage('ready', 30_000)]);
  } catch (error) {
    await Promise.all([relay.stop(), consumer.stop()]);
    throw error;
  }

  const sampler = new UsageSampler([...SERVERS, { name: 'relay', pids: () => [relay.pid] }, { name: 'consumer', pids: () => [consumer.pid] }]);
  const title = 'Situation update';
  const body = 'x'.repeat(400);
  const produce = (client: import('pg').Client, index: number) => async () => {
    const id = randomUUID();
    const country = `C${index % PIPELINE.countries}`;
    await client.query('BEGIN');
    await client.query('INSERT INTO items (id, body) VALUES ($1, $2)', [id, body]);
    await client.query('INSERT INTO outbox (event_id, subject, payload) VALUES ($1, $2, $3)', [
      id,
      setup.subject,
      JSON.stringify({ id, type: 'bench.item.created', country, title, body }),
    ]);
    await client.query('COMMIT');
    committed.set(id, nowMs());
  };
  const start = nowMs();
  from = start + warmupSeconds * 1000;
  to = from + windowSeconds * 1000;
  let waits: Promise<WaitSampler> | undefined;
  const opened = sleep(warmupSeconds * 1000).then(() => {
    sampler.open();
    waits = WaitSampler.open(ctx.isolation.databaseUrl('postgres'), `liaison_bench_${ctx.isolation.id}_`);
  });
  const durationMs = (warmupSeconds + windowSeconds) * 1000;
  let report: LoadReport;
  if (load.offered) {
    report = await openLoop({
      rate: load.offered,
      durationMs,
      send: (_scheduledAt, index) => setup.producers.use((client) => produce(client, index)()),
    });
  } else {
    report = await closedLoop({
      concurrency: PIPELINE.producersAtMax,
      durationMs,
      send: (_startedAt, index) => setup.producers.use((client) => produce(client, index)()),
    });
  }
  await opened;
  const usage = sampler.close();
  const sessions = await (await waits!).close();
  // Where events wait when the load ends: in the outbox (the relay is behind) or in the stream (the consumer is).
  const outbox = await setup.producers.use((c) => c.query<{ n: string }>('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL'));
  const info = await setup.jsm.consumers.info(setup.stream, setup.durable);
  const backlog = { outbox: Number(outbox.rows[0].n), stream: info.num_pending + info.num_ack_pending };
  const producedInWindow = [...committed.values()].filter((at) => at >= from && at < to).length;
  const deadline = Date.now() + ctx.options.drainSeconds * 1000;
  while (received < committed.size && Date.now() < deadline) await sleep(50);
  await Promise.all([relay.stop(), consumer.stop()]);
  return {
    throughput: perSecond(delivered, from, to),
    rows: perSecond(rows, from, to),
    achieved: perSecond(producedInWindow, from, to),
    latency: latency.summary(),
    usage,
    machine: sampler.machine,
    load: report,
    undelivered: producedInWindow - latency.count,
    backlog,
    extra: { sessions },
  };
}
