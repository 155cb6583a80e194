import { randomUUID } from 'node:crypto';
import { connect, nanos } from '@nats-io/transport-node';
import { DiscardPolicy, RetentionPolicy, StorageType, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { nowMs, sleep } from '../clock';
import { type BenchContext, repeat } from '../context';
import { closedLoop, perSecond } from '../load';
import { UsageSampler } from '../processes';
import { LatencyRecorder } from '../recorder';
import { type Measurement, type RunFigures, summarize } from '../results';
import { SERVERS } from '../watch';

/** Publishes awaiting their ack at any time: the window of the async publisher. */
export const PUBLISH_WINDOW = 256;

/** A CloudEvent of a brief is about this size. */
export const EVENT_BYTES = 700;

/**
 * JetStream publishes acknowledged per second with `@nats-io/jetstream`: one connection,
 * `PUBLISH_WINDOW` publishes in flight, each with a unique msgID (deduplication on), into a
 * file-backed stream configured as Liaison's events stream is.
 */
export async function measureJetStream(ctx: BenchContext): Promise<Measurement> {
  const nc = await connect({ servers: ctx.isolation.natsUrl, name: 'bench-publisher' });
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  const stream = `${ctx.isolation.streamPrefix}RAW_PUBLISH`;
  const subject = `${ctx.isolation.subjectPrefix}raw.publish`;
  await jsm.streams.add({
    name: stream,
    subjects: [subject],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    num_replicas: 1,
    duplicate_window: nanos(120_000),
  });
  const payload = JSON.stringify({ data: 'x'.repeat(EVENT_BYTES - 20) });
  const { warmupSeconds, windowSeconds } = ctx.options;
  try {
    const runs = await repeat(ctx, 'JetStream publish with ack', async (): Promise<RunFigures> => {
      await jsm.streams.purge(stream);
      const sampler = new UsageSampler(SERVERS);
      const latency = new LatencyRecorder();
      let inWindow = 0;
      const from = nowMs() + warmupSeconds * 1000;
      const to = from + windowSeconds * 1000;
      const opened = sleep(warmupSeconds * 1000).then(() => sampler.open());
      const load = await closedLoop({
        concurrency: PUBLISH_WINDOW,
        durationMs: (warmupSeconds + windowSeconds) * 1000,
        send: async (startedAt) => {
          await js.publish(subject, payload, { msgID: randomUUID() });
          const done = nowMs();
          if (done >= from && done < to) {
            inWindow++;
            latency.record(done - startedAt);
          }
        },
      });
      await opened;
      const usage = sampler.close();
      return { throughput: perSecond(inWindow, from, to), latency: latency.summary(), usage, machine: sampler.machine, load };
    });
    return summarize(
      {
        part: 'raw',
        key: 'raw.publish',
        label: `JetStream publish with ack (${PUBLISH_WINDOW} in flight)`,
        unit: 'acks/s',
        latencyFrom: 'publish → ack',
      },
      runs,
    );
  } finally {
    await nc.close();
  }
}
