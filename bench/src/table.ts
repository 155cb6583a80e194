import type { BenchResults, Measurement } from './results';
import type { LatencySummary, Spread } from './recorder';

const number = (n: number | undefined, digits = 0) =>
  n === undefined || !Number.isFinite(n) ? '–' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** `median (min–max)` over the runs; just the median when there was one run. */
export function formatSpread(s: Spread | undefined, digits = 0): string {
  if (!s || !Number.isFinite(s.median)) return '–';
  const median = number(s.median, digits);
  return s.runs.length > 1 ? `${median} (${number(s.min, digits)}–${number(s.max, digits)})` : median;
}

const times = (r: number | undefined) => (r === undefined ? '' : ` ×${r < 0.1 ? r.toFixed(3) : r.toFixed(2)}`);
const latencyDigits = (s: Spread | undefined) => (s && s.median < 10 ? 1 : 0);

function row(m: Measurement): string[] {
  const label = m.label;
  const offered = m.offered === undefined ? (m.part === 'raw' && !m.key.includes('pipeline') && !m.key.includes('fanout') ? '' : 'max') : number(m.offered);
  if (m.status !== 'measured') return [label, offered, m.status + (m.note ? `: ${m.note}` : ''), '', '', '', '', ''];
  const l = m.latency;
  return [
    label,
    offered,
    `${formatSpread(m.throughput)} ${m.unit}${times(m.ratio?.throughput)}`,
    m.rows ? formatSpread(m.rows) : '',
    l ? formatSpread(l.p50, latencyDigits(l.p50)) : '',
    l ? formatSpread(l.p90, latencyDigits(l.p90)) : '',
    l ? `${formatSpread(l.p99, latencyDigits(l.p99))}${times(m.ratio?.p99)}` : '',
    l ? formatSpread(l.max, latencyDigits(l.max)) : '',
  ];
}

function render(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (c ?? '').padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** The one table of figures (Markdown, so the README can carry it as printed), then CPU and memory per process. */
export function formatTables(results: BenchResults): string {
  const figures = render(
    ['measurement', 'offered/s', 'throughput (× raw twin)', 'inbox rows/s', 'p50 ms', 'p90 ms', 'p99 ms (× raw twin)', 'max ms'],
    results.measurements.map(row),
  );
  const usageRows = results.measurements.flatMap((m) =>
    (m.usage ?? []).map((u) => [`${m.key}`, u.name, formatSpread(u.cpuCores, 2), formatSpread(u.peakRssMb)]),
  );
  // the main thread's run-queue time (schedstat) stays in the JSON: in a VM it can read higher than the CPU pressure explains
  const usage = render(['measurement', 'process', 'CPU (cores)', 'peak RSS (MB)'], usageRows);
  const notes = results.measurements
    .filter((m) => m.status === 'measured')
    .map((m) => {
      const undelivered = m.runs.reduce((sum, r) => sum + (r.undelivered ?? 0), 0);
      const shed = m.runs.reduce((sum, r) => sum + (r.load?.shed ?? 0), 0);
      const errors = m.runs.reduce((sum, r) => sum + (r.load?.errors ?? 0), 0);
      const achieved = m.runs.map((r) => r.achieved).filter((a): a is number => a !== undefined);
      const parts = [
        m.latencyFrom ? `latency ${m.latencyFrom}` : '',
        achieved.length ? `produced ${achieved.map((a) => number(a)).join(', ')}/s` : '',
        m.runs.some((r) => r.backlog)
          ? `waiting at the end of the load: ${m.runs.map((r) => Object.entries(r.backlog ?? {}).map(([k, v]) => `${k} ${v}`).join(' + ')).join('; ')}`
          : '',
        undelivered ? `${undelivered} not delivered within the wait` : '',
        shed ? `${shed} shed by the generator` : '',
        errors ? `${errors} errors (${m.runs.find((r) => r.load?.firstError)?.load?.firstError})` : '',
        m.note ?? '',
        machineNote(m),
        sessionsNote(m),
        stagesNote(m),
      ].filter(Boolean);
      return `- ${m.key}: ${parts.join('; ')}`;
    });
  const profiles = Object.entries(results.profiles ?? {}).flatMap(([name, summaries]) =>
    summaries.map(
      (p) =>
        `- ${name} (${p.samples} samples): ${p.areas.slice(0, 8).map((a) => `${a.where} ${a.selfPercent}%`).join(', ')}\n  top functions: ${p.functions
          .slice(0, 8)
          .map((f) => `${f.where} ${f.selfPercent}%`)
          .join('; ')}`,
    ),
  );
  const machine = results.machine;
  return [
    `Liaison bench ${results.date}: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGb} GB, ${machine.os}, Node ${machine.node}, Postgres ${machine.postgres}, NATS ${machine.nats}`,
    `runs ${results.options.runs}, window ${results.options.windowSeconds} s after ${results.options.warmupSeconds} s warm-up${results.options.serviceWarmupSeconds ? ` (the services first warmed up for ${results.options.serviceWarmupSeconds} s)` : ''}; figures: median (min–max) over the runs; ×: ratio to the raw twin measured in this run`,
    '',
    figures,
    '',
    usage,
    '',
    ...notes,
    ...(profiles.length ? ['', 'CPU profiles (self time):', ...profiles] : []),
  ].join('\n');
}

/** Postgres sessions of the last run by state (average count), per database: where the time waits. */
function sessionsNote(m: Measurement): string {
  const sessions = m.runs[m.runs.length - 1]?.extra?.sessions as Record<string, Record<string, number>> | undefined;
  if (!sessions) return '';
  const dbs = Object.entries(sessions)
    .map(([db, states]) => [db, Object.entries(states).slice(0, 4)] as const)
    .filter(([, states]) => states.length > 0)
    .map(([db, states]) => `${db} ${states.map(([what, n]) => `${what} ${n}`).join(', ')}`);
  return dbs.length ? `Postgres sessions (average): ${dbs.join('; ')}` : '';
}

/** A brief's way between the services in the last run, from their own timestamps (liaison/stages.ts). */
function stagesNote(m: Measurement): string {
  const stages = m.runs[m.runs.length - 1]?.extra?.stages as Record<string, LatencySummary> | undefined;
  if (!stages) return '';
  const parts = Object.entries(stages)
    .filter(([, s]) => s.count > 0)
    .map(([stage, s]) => `${stage} ${number(s.p50, s.p50 < 10 ? 1 : 0)}/${number(s.p99, s.p99 < 10 ? 1 : 0)}`);
  return parts.length ? `stages (p50/p99 ms): ${parts.join('; ')}` : '';
}

/** When the machine was busy with other work, the figures say less: the note says how busy. */
function machineNote(m: Measurement): string {
  if (!m.runs.some((r) => r.machine)) return '';
  // what the machine did besides the measured processes: other sessions' work competing with the bench
  const others = m.runs.map((r) => (r.machine ? r.machine.busyCores - r.usage.reduce((sum, u) => sum + (Number.isFinite(u.cpuCores) ? u.cpuCores : 0), 0) : NaN));
  return `machine: ${m.runs
    .map((r, i) => (r.machine ? `${r.machine.busyCores.toFixed(2)} cores busy (${Math.max(0, others[i]).toFixed(2)} by other processes), CPU pressure ${Math.round(r.machine.cpuPressure * 100)}%` : ''))
    .filter(Boolean)
    .join('; ')}`;
}
