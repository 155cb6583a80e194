import { Client } from 'pg';
import { BriefPublishedEvent } from '@liaison/contracts';
import type { BenchContext } from '../context';
import { nowMs, sleep } from '../clock';
import { requestHonouringRetryAfter } from '../http';
import { type LoadReport, closedLoop, openLoop, perSecond } from '../load';
import { UsageSampler } from '../processes';
import { LatencyRecorder } from '../recorder';
import { type Measurement, type RunFigures, summarize } from '../results';
import { rawFanoutKey, rawPipelineKey } from '../raw/raw';
import { SERVERS } from '../watch';
import { WaitSampler } from '../pg-waits';
import { InboxWatch } from './inbox-watch';
import { planNetwork } from './network';
import { type SeededNetwork, seedNetwork } from './seed';
import { queryOnce } from './query-once';
import { briefStages } from './stages';
import { type LiaisonDeployment, missingServices, startLiaison } from './services';

/** HTTP requests in flight at the maximum (closed loop). */
export const MAX_CONCURRENCY = 64;

export interface BriefLoad {
  key: string;
  label: string;
  offered?: number;
  /** solo: each brief reaches one inbox; crowd: `fanout` inboxes */
  audience: 'solo' | 'crowd';
  twin: string;
}

/** What part 2 measures: the services as separate processes; part 3 (standalone) measures its one process the same way. */
export interface LiaisonTarget {
  part: 'liaison' | 'standalone';
  /** the rows' label prefix */
  name: string;
  start: (ctx: BenchContext) => Promise<LiaisonDeployment>;
  /** the key of the row each row is compared with (part 2's: the raw pipeline's; part 3's: part 2's) */
  twin: (kind: 'briefs' | 'fanout', rate?: number) => string;
}

export const DISTRIBUTED: LiaisonTarget = {
  part: 'liaison',
  name: 'Liaison',
  start: startLiaison,
  twin: (kind, rate) => (kind === 'briefs' ? rawPipelineKey(rate) : rawFanoutKey(rate)),
};

export function liaisonLoads(ctx: BenchContext, target: LiaisonTarget = DISTRIBUTED): BriefLoad[] {
  const { rates, fanout, fanoutRate, quick, series } = ctx.options;
  const { part, name } = target;
  const briefs: BriefLoad[] = [
    ...rates.map((rate) => ({ key: `${part}.briefs@${rate}`, label: `${name} briefs at ${rate}/s`, offered: rate, audience: 'solo' as const, twin: target.twin('briefs', rate) })),
    ...(quick ? [] : [{ key: `${part}.briefs@max`, label: `${name} briefs, max`, audience: 'solo' as const, twin: target.twin('briefs') }]),
  ];
  const fanOut: BriefLoad[] = [
    { key: `${part}.fanout@${fanoutRate}`, label: `${name} fan-out ${fanout} at ${fanoutRate}/s`, offered: fanoutRate, audience: 'crowd', twin: target.twin('fanout', fanoutRate) },
    ...(quick ? [] : [{ key: `${part}.fanout@max`, label: `${name} fan-out ${fanout}, max`, audience: 'crowd' as const, twin: target.twin('fanout') }]),
  ];
  return [...(series.includes('briefs') ? briefs : []), ...(series.includes('fanout') ? fanOut : [])];
}

/**
 * Part 2: Liaison end to end. The services run as separate processes on Postgres and NATS;
 * briefs are posted through the HTTP API at fixed offered loads, and each reaches its
 * subscribers' inboxes in the notifications service.
 */
export async function measureLiaison(ctx: BenchContext, target: LiaisonTarget = DISTRIBUTED): Promise<Measurement[]> {
  const { part } = target;
  ctx.log(part === 'liaison' ? 'part 2: Liaison end to end' : 'part 3: the standalone mode, end to end');
  const loads = liaisonLoads(ctx, target);
  const missing = missingServices(ctx);
  if (missing.length > 0) {
    const note = `${missing.join(' and ')} not in this checkout`;
    ctx.log(`  not yet available: ${note}`);
    return loads.map((load) => ({ part, key: load.key, label: load.label, offered: load.offered, unit: 'events/s', status: 'not yet available', note, runs: [] }));
  }
  const { quick, fanout } = ctx.options;
  const plan = planNetwork(
    quick
      ? { organizations: 5, desksPerOrganization: 2, subscribers: Math.max(fanout, 100), posters: 5, fanout, solo: 20, programmes: ctx.options.programmes }
      : { organizations: 50, desksPerOrganization: 4, subscribers: 2000, posters: 20, fanout, solo: 100, programmes: ctx.options.programmes },
  );
  const deployment = await target.start(ctx);
  ctx.log(`  services ready: ${Object.values(deployment.services).map((s) => `${s.name} pid ${s.child.pid}`).join(', ')}`);
  try {
    const network = await seedNetwork(deployment, plan, (line) => ctx.log(line));
    ctx.log(`  network seeded in ${network.seconds.toFixed(0)} s`);
    await warmUpServices(ctx, deployment, network);
    const measurements: Measurement[] = [];
    let backlog = 0;
    for (const load of loads) {
      if (backlog > 0) {
        const note = `notifications still had ${backlog} briefs of the previous load to handle: this one would measure that backlog`;
        measurements.push({ part, key: load.key, label: load.label, offered: load.offered, unit: 'events/s', status: 'not measured', note, runs: [] });
        continue;
      }
      const runs: RunFigures[] = [];
      for (let i = 0; i < ctx.options.runs && backlog === 0; i++) {
        backlog = await settle(ctx, deployment);
        if (backlog > 0) break;
        ctx.log(`  ${load.label}: run ${i + 1}/${ctx.options.runs}`);
        runs.push(await runBriefs(ctx, deployment, network, load));
      }
      if (runs.length === 0) {
        measurements.push({ part, key: load.key, label: load.label, offered: load.offered, unit: 'events/s', status: 'not measured', note: `a backlog of ${backlog} briefs did not clear`, runs: [] });
        continue;
      }
      measurements.push(
        summarize(
          {
            part,
            key: load.key,
            label: load.label,
            offered: load.offered,
            unit: 'events/s',
            latencyFrom: 'HTTP 201 → last inbox row committed (seen at the NOTIFY of its commit)',
            twin: load.twin,
            note: `${plan.organizations} organizations, ${plan.organizations * plan.desksPerOrganization} desks, ${plan.subscribers} subscribers, ${plan.programmes > 0 ? `${plan.programmes} programmes, ` : ''}${load.audience === 'crowd' ? `${fanout} inboxes per brief` : '1 inbox per brief'}`,
          },
          runs,
        ),
      );
    }
    return measurements;
  } finally {
    await deployment.stop();
  }
}

/**
 * Briefs for `--service-warmup` seconds before the first load, measured by nobody. V8 compiles a
 * function once it is hot, and a service's request path takes many seconds of load to be
 * compiled: without this the first window would measure the compiler, a cost a service that has
 * been running for hours no longer pays. Each run's own warm-up stays.
 */
async function warmUpServices(ctx: BenchContext, deployment: LiaisonDeployment, network: SeededNetwork): Promise<void> {
  const { serviceWarmupSeconds: seconds, series, rates, fanoutRate } = ctx.options;
  if (seconds <= 0) return;
  // The fan-out series alone warms up with its own briefs, at half its rate: the backlog of a
  // rate the fan-out does not carry would be waited for before its first run.
  const load: BriefLoad = series.includes('briefs')
    ? { key: 'warm-up', label: 'warm-up', offered: Math.min(...rates), audience: 'solo', twin: '' }
    : { key: 'warm-up', label: 'warm-up', offered: fanoutRate / 2, audience: 'crowd', twin: '' };
  ctx.log(`  the services warm up: briefs at ${load.offered}/s for ${seconds} s (not measured)`);
  await runBriefs({ ...ctx, options: { ...ctx.options, warmupSeconds: seconds, windowSeconds: 1 } }, deployment, network, load);
}

/**
 * Waits until notifications has handled every brief dialogues published, so a run never measures
 * the backlog of the one before it. Returns the backlog left when the wait is over (0: settled);
 * the loads after a backlog that does not clear are not measured, since they would measure it.
 */
async function settle(ctx: BenchContext, deployment: LiaisonDeployment): Promise<number> {
  const dialogues = new Client({ connectionString: deployment.services.dialogues.databaseUrl });
  const notifications = new Client({ connectionString: deployment.services.notifications.databaseUrl });
  await Promise.all([dialogues.connect(), notifications.connect()]);
  try {
    const waitSeconds = ctx.options.quick ? 20 : 180;
    const deadline = Date.now() + waitSeconds * 1000;
    let backlog = 0;
    let said = false;
    while (Date.now() < deadline) {
      const published = Number((await dialogues.query<{ n: string }>('SELECT count(*) AS n FROM briefs')).rows[0].n);
      // every brief of the bench reaches at least one inbox (see network.ts); an event that made
      // items has a row in notification_events
      const handled = Number(
        (
          await notifications.query<{ n: string }>(`SELECT count(*) AS n FROM notification_events WHERE event_type = $1`, [BriefPublishedEvent.type])
        ).rows[0].n,
      );
      backlog = published - handled;
      if (backlog <= 0) {
        await analyzeWithoutAutovacuum(ctx, deployment);
        return 0;
      }
      if (!said) ctx.log(`    waiting for notifications to handle the ${backlog} briefs still queued`);
      said = true;
      await sleep(500);
    }
    ctx.log(`    notifications still has ${backlog} briefs to handle after ${waitSeconds} s`);
    return backlog;
  } finally {
    await Promise.all([dialogues.end(), notifications.end()]);
  }
}

let analyzedSaid = false;

/**
 * Where the server runs without autovacuum, no table is ever analyzed, and
 * every plan is made on the estimates of an empty table: the 2,000 subscriptions just seeded, the
 * inbox items of the loads before. Before each load the bench does what autovacuum would have done
 * meanwhile; with autovacuum on, it leaves it to the server.
 */
async function analyzeWithoutAutovacuum(ctx: BenchContext, deployment: LiaisonDeployment): Promise<void> {
  for (const service of Object.values(deployment.services)) {
    const client = new Client({ connectionString: service.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ on: boolean }>(`SELECT current_setting('autovacuum') = 'on' AS on`);
      if (rows[0].on) return;
      await client.query('ANALYZE');
    } finally {
      await client.end();
    }
  }
  if (!analyzedSaid) ctx.log('    autovacuum is off on this server: the bench analyzes the services\' databases before each load, as autovacuum would');
  analyzedSaid = true;
}

async function unsentIn(databaseUrl: string): Promise<number> {
  const [{ n }] = await queryOnce<{ n: string }>(databaseUrl, 'SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL');
  return Number(n);
}

async function runBriefs(ctx: BenchContext, deployment: LiaisonDeployment, network: SeededNetwork, load: BriefLoad): Promise<RunFigures> {
  const { warmupSeconds, windowSeconds } = ctx.options;
  const dialogues = deployment.services.dialogues.url;
  const countries = load.audience === 'crowd' ? network.plan.crowdCountries : network.plan.soloCountries;
  const briefs = new Map<string, { createdAt?: number; seenAt?: number; rows?: number }>();
  const latency = new LatencyRecorder();
  const httpLatency = new LatencyRecorder();
  let from = Infinity;
  let to = Infinity;
  let delivered = 0;
  let rows = 0;
  let seen = 0;
  const fanouts = new Set<number>();
  const complete = (id: string) => {
    const brief = briefs.get(id)!;
    if (brief.createdAt === undefined || brief.seenAt === undefined) return;
    if (brief.createdAt >= from && brief.createdAt < to) latency.record(Math.max(0, brief.seenAt - brief.createdAt));
  };
  const watch = await InboxWatch.start(deployment.services.notifications.databaseUrl, (id, n, seenAt) => {
    let brief = briefs.get(id);
    if (!brief) briefs.set(id, (brief = {}));
    if (brief.seenAt === undefined) {
      brief.seenAt = seenAt;
      seen++;
      if (seenAt >= from && seenAt < to) delivered++;
    }
    brief.rows = (brief.rows ?? 0) + n;
    fanouts.add(brief.rows);
    if (seenAt >= from && seenAt < to) rows += n;
    complete(id);
  });
  const sampler = new UsageSampler([...SERVERS, ...(deployment.processes ?? Object.values(deployment.services).map((s) => ({ name: s.name, pids: () => [s.child.pid] })))]);
  let created = 0;
  let refused = 0;
  const post = async (sentAt: number, index: number) => {
    const poster = network.posters[index % network.posters.length];
    const reply = await requestHonouringRetryAfter<{ id: string }>(
      'POST',
      `${dialogues}/api/v1/briefs`,
      {
        title: `Bench brief ${index}`,
        body: `Situation update ${index}: ${'the desk reports on access, ceasefire talks and the next steps. '.repeat(6)}`,
        countries: [countries[index % countries.length]],
        classification: 'green',
      },
      poster.token,
      () => refused++,
    );
    const createdAt = nowMs();
    if (reply.status !== 201) throw new Error(`POST /briefs answered ${reply.status}: ${JSON.stringify(reply.body).slice(0, 300)}`);
    created++;
    if (createdAt >= from && createdAt < to) httpLatency.record(createdAt - sentAt);
    let brief = briefs.get(reply.body.id);
    if (!brief) briefs.set(reply.body.id, (brief = {}));
    brief.createdAt = createdAt;
    complete(reply.body.id);
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
  try {
    report = load.offered
      ? await openLoop({ rate: load.offered, durationMs, send: post, maxInFlight: ctx.options.quick ? 200 : 1_000 })
      : await closedLoop({ concurrency: MAX_CONCURRENCY, durationMs, send: post });
    await opened;
  } catch (error) {
    await watch.stop();
    throw error;
  }
  const usage = sampler.close();
  const sessions = await (await waits!).close();
  const waitingAtEnd = created - seen;
  // Where they wait: still in dialogues' outbox (its relay is behind), or past it (in the stream, or in notifications' hands).
  const inOutbox = await unsentIn(deployment.services.dialogues.databaseUrl);
  const createdInWindow = [...briefs.values()].filter((b) => b.createdAt !== undefined && b.createdAt >= from && b.createdAt < to).length;
  const deadline = Date.now() + ctx.options.drainSeconds * 1000;
  while (seen < created && Date.now() < deadline) await sleep(50);
  await watch.stop();
  if (report.errors > 0) ctx.log(`    ${report.errors} requests failed: ${report.firstError}`);
  const http = httpLatency.summary();
  const stages = await briefStages(deployment.services.dialogues.databaseUrl, deployment.services.notifications.databaseUrl, from, to);
  return {
    throughput: perSecond(delivered, from, to),
    rows: perSecond(rows, from, to),
    achieved: perSecond(createdInWindow, from, to),
    latency: latency.summary(),
    usage,
    machine: sampler.machine,
    load: report,
    undelivered: createdInWindow - latency.count,
    backlog: { 'briefs not yet in an inbox': waitingAtEnd, 'of them still in dialogues\' outbox': inOutbox },
    extra: { refused, sessions, stages, httpP50: http.p50, httpP99: http.p99, httpMax: http.max, inboxRowsPerBrief: [...fanouts].sort((a, b) => a - b) },
  };
}
