import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { nowMs, sleep } from '../clock';
import { type BenchContext, repeat } from '../context';
import { closedLoop, perSecond } from '../load';
import { UsageSampler } from '../processes';
import { LatencyRecorder } from '../recorder';
import { type Measurement, type RunFigures, summarize } from '../results';
import { SERVERS } from '../watch';

/** Concurrent clients of the insert measurement: enough for group commit to show, as a service's pool would. */
export const INSERT_CLIENTS = 8;

/**
 * Single-row INSERT commits per second with plain `pg`: `INSERT_CLIENTS` connections, each
 * committing one row (autocommit, synchronous_commit as the server has it) as fast as it can.
 */
export async function measureInserts(ctx: BenchContext): Promise<Measurement> {
  const url = await ctx.isolation.createDatabase('raw_insert');
  const clients = await Promise.all(
    Array.from({ length: INSERT_CLIENTS }, async () => {
      const client = new Client({ connectionString: url });
      await client.connect();
      return client;
    }),
  );
  await clients[0].query(
    'CREATE TABLE rows (id bigserial PRIMARY KEY, key uuid NOT NULL UNIQUE, body text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())',
  );
  const { warmupSeconds, windowSeconds } = ctx.options;
  try {
    const runs = await repeat(ctx, 'single-row inserts', async (): Promise<RunFigures> => {
      const sampler = new UsageSampler(SERVERS);
      const latency = new LatencyRecorder();
      let inWindow = 0;
      const start = nowMs();
      const from = start + warmupSeconds * 1000;
      const to = from + windowSeconds * 1000;
      const opened = sleep(warmupSeconds * 1000).then(() => sampler.open());
      const body = 'x'.repeat(200);
      const load = await closedLoop({
        concurrency: INSERT_CLIENTS,
        durationMs: (warmupSeconds + windowSeconds) * 1000,
        // A client per worker: picked by the operation's index, two workers at times shared one
        // client (pg queued the second query), so fewer than 8 inserts were in flight.
        send: async (startedAt, _index, worker) => {
          await clients[worker].query('INSERT INTO rows (key, body) VALUES ($1, $2)', [randomUUID(), body]);
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
        key: 'raw.insert',
        label: `pg single-row insert commits (${INSERT_CLIENTS} clients)`,
        unit: 'commits/s',
        latencyFrom: 'INSERT sent → commit returned',
      },
      runs,
    );
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
}
