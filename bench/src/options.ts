import { parseArgs } from 'node:util';

export type Part = 'raw' | 'liaison' | 'standalone';
export const PARTS: readonly Part[] = ['raw', 'liaison', 'standalone'];
export type Series = 'briefs' | 'fanout';
export const SERIES: readonly Series[] = ['briefs', 'fanout'];

/** What one `npm run bench` does; every figure it prints depends on these, so they go into the results file. */
export interface BenchOptions {
  quick: boolean;
  parts: Part[];
  runs: number;
  /** seconds measured in each run, after the warm-up */
  windowSeconds: number;
  /** seconds of load before the window opens (JIT, pools, caches, consumers catching up) */
  warmupSeconds: number;
  /**
   * seconds of briefs at the lowest rate once the network is seeded, before the first Liaison
   * load: a running service's hot code is compiled, and V8 here took ~20 s of load to compile it
   */
  serviceWarmupSeconds: number;
  /** offered loads (per second) of the Liaison series, besides the maximum */
  rates: number[];
  /** subscribers of each brief in the fan-out series */
  fanout: number;
  fanoutRate: number;
  /** which Liaison series run: briefs (one inbox each), fan-out, or both */
  series: Series[];
  /** programmes (with a milestone each) seeded into the network; capacity-building joins the deployment when above 0 */
  programmes: number;
  /** how long to wait after a load for the last events to arrive */
  drainSeconds: number;
  /** keep the bench databases and streams afterwards, to look into them */
  keep: boolean;
  /** remove what --keep runs left, and measure nothing */
  clean: boolean;
  /** run the services with --cpu-prof and summarize where their time went */
  profile: boolean;
  /** where results/<date>.json and the chart go */
  resultsDir: string;
  /** postgres:// URL of a server (its database part is replaced per run) */
  databaseUrl: string;
  natsUrl: string;
}

const HELP = `npm run bench -- [options]

  --quick              smoke run: 1 run, 2 s window, 1 s warm-up, 100/s, small network, no Liaison max (under a minute)
  --only PART          raw | liaison | standalone (repeatable; default all)
  --runs N             repetitions of every measurement (default 3; median and min-max are reported)
  --window S           seconds measured per run (default 10)
  --warmup S           seconds of load before the window (default 5)
  --service-warmup S   seconds of briefs at the lowest rate before the first Liaison load, so the
                       services' hot code is compiled as in a running service (default 20; 0 skips)
  --rates A,B,C        offered loads of the Liaison series, per second (default 250,500,1000)
  --fanout N           subscribers per brief in the fan-out series (default 100)
  --fanout-rate R      offered load of the fan-out series (default 300)
  --series S           briefs | fanout: only that Liaison series (repeatable; default both)
  --programmes N       seed N programmes, a milestone each, into the network (capacity-building
                       then runs too; their notifications reach the theme subscribers; default 0)
  --keep               keep the bench databases, streams and the processes' logs
  --clean              remove what --keep runs left (liaison_bench_* databases, BENCH_* streams), measure nothing
  --profile            CPU-profile the services and workers (node --cpu-prof) and summarize where
                       their time went; use with one load, e.g. --only liaison --rates 500
  --results DIR        where to write <date>.json and <date>.svg (default bench/results)

Servers: BENCH_DATABASE_URL (else DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres),
BENCH_NATS_URL (else NATS_URL, else nats://127.0.0.1:4222). Every database the bench makes is
named liaison_bench_*, every stream BENCH_<id>_*, every subject bench_<id>.*`;

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string', multiple: true },
      runs: { type: 'string' },
      window: { type: 'string' },
      warmup: { type: 'string' },
      'service-warmup': { type: 'string' },
      rates: { type: 'string' },
      fanout: { type: 'string' },
      'fanout-rate': { type: 'string' },
      series: { type: 'string', multiple: true },
      programmes: { type: 'string' },
      keep: { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      clean: { type: 'boolean', default: false },
      results: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const quick = values.quick ?? false;
  const parts = (values.only ?? [...PARTS]).flatMap((p) => p.split(',')) as Part[];
  for (const part of parts) {
    if (!PARTS.includes(part)) throw new Error(`--only ${part}: expected one of ${PARTS.join(', ')}`);
  }
  const series = (values.series ?? [...SERIES]).flatMap((p) => p.split(',')) as Series[];
  for (const one of series) {
    if (!SERIES.includes(one)) throw new Error(`--series ${one}: expected one of ${SERIES.join(', ')}`);
  }
  /** The option's number, or `fallback` when it is not given; 0 is refused unless `zero` allows it. */
  const numberOf = (name: string, value: string | undefined, fallback: number, zero: 'refused' | 'allowed' = 'refused') => {
    if (value === undefined) return fallback;
    const n = Number(value);
    const least = zero === 'allowed' ? n >= 0 : n > 0;
    if (!Number.isFinite(n) || !least) throw new Error(`--${name} ${value}: expected ${zero === 'allowed' ? 'a number, 0 or more' : 'a positive number'}`);
    return n;
  };
  return {
    quick,
    parts,
    runs: Math.round(numberOf('runs', values.runs, quick ? 1 : 3)),
    windowSeconds: numberOf('window', values.window, quick ? 2 : 10),
    warmupSeconds: numberOf('warmup', values.warmup, quick ? 1 : 5),
    serviceWarmupSeconds: numberOf('service-warmup', values['service-warmup'], quick ? 0 : 20, 'allowed'),
    rates: (values.rates ?? (quick ? '100' : '250,500,1000')).split(',').map((r) => numberOf('rates', r, 0)),
    fanout: Math.round(numberOf('fanout', values.fanout, 100)),
    fanoutRate: numberOf('fanout-rate', values['fanout-rate'], quick ? 50 : 300),
    series,
    programmes: Math.round(numberOf('programmes', values.programmes, 0, 'allowed')),
    drainSeconds: quick ? 3 : 30,
    keep: values.keep ?? false,
    profile: values.profile ?? false,
    clean: values.clean ?? false,
    resultsDir: values.results ?? 'bench/results',
    databaseUrl: env.BENCH_DATABASE_URL || env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    natsUrl: env.BENCH_NATS_URL || env.NATS_URL || 'nats://127.0.0.1:4222',
  };
}
