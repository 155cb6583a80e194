import type { BenchResults, Measurement } from './results';
import type { Spread } from './recorder';

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
      ].filter(Boolean);
      return `- ${m.key}: ${parts.join('; ')}`;
    });
  const machine = results.machine;
  return [
    `Liaison bench ${results.date}: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGb} GB, ${machine.os}, Node ${machine.node}, Postgres ${machine.postgres}, NATS ${machine.nats}`,
    `runs ${results.options.runs}, window ${results.options.windowSeconds} s after ${results.options.warmupSeconds} s warm-up; figures: median (min–max) over the runs; ×: ratio to the raw twin measured in this run`,
    '',
    figures,
    '',
    usage,
    '',
    ...notes,
  ].join('\n');
}
