import type { LoadReport } from './load';
import type { Part } from './options';
import type { ProfileSummary } from './profile';
import type { MachineFigures, UsageFigures } from './processes';
import { type LatencySummary, type Spread, spread } from './recorder';

/** What one run of one measurement gave. */
export interface RunFigures {
  /** the measurement's main rate (commits/s, acks/s, events/s delivered) over the window */
  throughput: number;
  /** inbox rows/s, where events fan out */
  rows?: number;
  /** offered load actually reached by the generator, per second */
  achieved?: number;
  latency?: LatencySummary;
  usage: UsageFigures[];
  /** the whole machine in the window: busy cores and CPU pressure, other sessions' work included */
  machine?: MachineFigures;
  load?: LoadReport;
  /** events produced in the window that had not arrived when the bench stopped waiting */
  undelivered?: number;
  /** events waiting when the load stopped, by where they wait (outbox, stream, …) */
  backlog?: Record<string, number>;
  /** figures particular to one measurement (HTTP latency, rows per event …) */
  extra?: Record<string, unknown>;
}

export interface Measurement {
  part: Part;
  /** stable key, e.g. `raw.pipeline@500`, `liaison.briefs@max`; Liaison rows name their raw twin by it */
  key: string;
  label: string;
  /** offered load per second; undefined for the maximum */
  offered?: number;
  unit: string;
  status: 'measured' | 'not yet available' | 'not measured' | 'failed';
  note?: string;
  /** where latency is measured from and to */
  latencyFrom?: string;
  throughput?: Spread;
  rows?: Spread;
  latency?: { p50: Spread; p90: Spread; p99: Spread; max: Spread };
  usage?: Array<{ name: string; cpuCores: Spread; peakRssMb: Spread; runQueueCores: Spread }>;
  /** key of the raw measurement of the same load in the same run */
  twin?: string;
  /** this figure ÷ the twin's, medians */
  ratio?: { throughput?: number; p99?: number };
  runs: RunFigures[];
}

export function summarize(base: Omit<Measurement, 'status' | 'runs' | 'throughput' | 'rows' | 'latency' | 'usage'>, runs: RunFigures[]): Measurement {
  const latency = runs.every((r) => r.latency)
    ? {
        p50: spread(runs.map((r) => r.latency!.p50)),
        p90: spread(runs.map((r) => r.latency!.p90)),
        p99: spread(runs.map((r) => r.latency!.p99)),
        max: spread(runs.map((r) => r.latency!.max)),
      }
    : undefined;
  const names = [...new Set(runs.flatMap((r) => r.usage.map((u) => u.name)))];
  return {
    ...base,
    status: 'measured',
    throughput: spread(runs.map((r) => r.throughput)),
    rows: runs.some((r) => r.rows !== undefined) ? spread(runs.map((r) => r.rows ?? NaN)) : undefined,
    latency,
    usage: names.map((name) => ({
      name,
      cpuCores: spread(runs.map((r) => r.usage.find((u) => u.name === name)?.cpuCores ?? NaN)),
      peakRssMb: spread(runs.map((r) => r.usage.find((u) => u.name === name)?.peakRssMb ?? NaN)),
      runQueueCores: spread(runs.map((r) => r.usage.find((u) => u.name === name)?.runQueueCores ?? NaN)),
    })),
    runs,
  };
}

/** Fills `ratio` of every measurement that names a twin measured in this run. */
export function attachRatios(measurements: Measurement[]): void {
  const byKey = new Map(measurements.map((m) => [m.key, m]));
  for (const m of measurements) {
    const twin = m.twin ? byKey.get(m.twin) : undefined;
    if (!twin || m.status !== 'measured' || twin.status !== 'measured') continue;
    m.ratio = {
      throughput: ratio(m.throughput?.median, twin.throughput?.median),
      p99: ratio(m.latency?.p99.median, twin.latency?.p99.median),
    };
  }
}

function ratio(a: number | undefined, b: number | undefined): number | undefined {
  return a !== undefined && b !== undefined && Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : undefined;
}

export interface BenchResults {
  date: string;
  machine: Record<string, string | number>;
  options: Record<string, unknown>;
  isolation: { id: string; subjectPrefix: string; streamPrefix: string };
  measurements: Measurement[];
  durationSeconds: number;
  /** with --profile: where each process's CPU time went, by process name */
  profiles?: Record<string, ProfileSummary[]>;
  /** with --profile: the measuring windows the profiles were cut to (µs, monotonic clock) */
  profileWindows?: Array<{ from: number; to: number }>;
}
