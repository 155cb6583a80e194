import type { BenchResults, Measurement } from './results';

interface Series {
  name: string;
  color: string;
  points: Array<{ x: number; p50: number; p99: number; label: string }>;
}

const SERIES: Array<{ name: string; color: string; match: (m: Measurement) => boolean }> = [
  { name: 'raw pipeline', color: '#1b7837', match: (m) => m.key.startsWith('raw.pipeline@') },
  { name: `raw fan-out`, color: '#7fbc41', match: (m) => m.key.startsWith('raw.fanout@') },
  { name: 'Liaison briefs', color: '#2166ac', match: (m) => m.key.startsWith('liaison.briefs@') },
  { name: 'Liaison fan-out', color: '#67a9cf', match: (m) => m.key.startsWith('liaison.fanout@') },
  { name: 'standalone briefs', color: '#b2182b', match: (m) => m.key.startsWith('standalone.briefs@') },
];

const escape = (s: string) => s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);

/**
 * Latency against load, written by hand as SVG (no browser, no plotting library): x is the
 * delivered events/s (median), y the latency in ms on a log scale; p99 solid, p50 dashed.
 */
export function latencyChart(results: BenchResults): string {
  const series: Series[] = SERIES.map((s) => ({
    name: s.name,
    color: s.color,
    points: results.measurements
      .filter((m) => s.match(m) && m.status === 'measured' && m.latency && Number.isFinite(m.throughput?.median))
      .map((m) => ({ x: m.throughput!.median, p50: m.latency!.p50.median, p99: m.latency!.p99.median, label: m.offered ? `${m.offered}/s` : 'max' }))
      .sort((a, b) => a.x - b.x),
  })).filter((s) => s.points.length > 0);

  const width = 760;
  const height = 440;
  const margin = { left: 70, right: 190, top: 40, bottom: 50 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const all = series.flatMap((s) => s.points);
  const xMax = niceCeil(Math.max(100, ...all.map((p) => p.x)) * 1.05);
  const yValues = all.flatMap((p) => [p.p50, p.p99]).filter((v) => v > 0);
  const yMin = 10 ** Math.floor(Math.log10(Math.max(0.1, Math.min(1, ...yValues))));
  const yMax = 10 ** Math.ceil(Math.log10(Math.max(10, ...yValues)));
  const x = (v: number) => margin.left + (v / xMax) * plotW;
  const y = (v: number) => margin.top + plotH - ((Math.log10(Math.max(v, yMin)) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin))) * plotH;

  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`);
  parts.push(`<rect width="${width}" height="${height}" fill="white"/>`);
  parts.push(`<text x="${margin.left}" y="22" font-size="14" font-weight="bold">${escape(`Latency against load, ${results.date} (${results.machine.cores} cores, ${results.machine.memoryGb} GB)`)}</text>`);
  for (let decade = yMin; decade <= yMax; decade *= 10) {
    for (const m of [1, 2, 5]) {
      const v = decade * m;
      if (v > yMax) break;
      parts.push(`<line x1="${margin.left}" x2="${margin.left + plotW}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/>`);
      parts.push(`<text x="${margin.left - 6}" y="${y(v) + 4}" text-anchor="end">${v}</text>`);
    }
  }
  for (let i = 0; i <= 5; i++) {
    const v = (xMax / 5) * i;
    parts.push(`<line x1="${x(v)}" x2="${x(v)}" y1="${margin.top}" y2="${margin.top + plotH}" stroke="#eee"/>`);
    parts.push(`<text x="${x(v)}" y="${margin.top + plotH + 18}" text-anchor="middle">${Math.round(v).toLocaleString('en-US')}</text>`);
  }
  parts.push(`<rect x="${margin.left}" y="${margin.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#888"/>`);
  parts.push(`<text x="${margin.left + plotW / 2}" y="${height - 10}" text-anchor="middle">events/s delivered (median of the runs)</text>`);
  parts.push(`<text transform="translate(18 ${margin.top + plotH / 2}) rotate(-90)" text-anchor="middle">latency ms (log), p99 solid, p50 dashed</text>`);
  series.forEach((s, i) => {
    const line = (key: 'p50' | 'p99') => s.points.map((p) => `${x(p.x).toFixed(1)},${y(p[key]).toFixed(1)}`).join(' ');
    parts.push(`<polyline points="${line('p99')}" fill="none" stroke="${s.color}" stroke-width="2"/>`);
    parts.push(`<polyline points="${line('p50')}" fill="none" stroke="${s.color}" stroke-width="1.5" stroke-dasharray="5 4"/>`);
    for (const p of s.points) {
      parts.push(`<circle cx="${x(p.x).toFixed(1)}" cy="${y(p.p99).toFixed(1)}" r="3.5" fill="${s.color}"><title>${escape(`${s.name} ${p.label}: p99 ${p.p99.toFixed(1)} ms, p50 ${p.p50.toFixed(1)} ms at ${Math.round(p.x)}/s`)}</title></circle>`);
      parts.push(`<text x="${(x(p.x) + 5).toFixed(1)}" y="${(y(p.p99) - 6).toFixed(1)}" font-size="10" fill="${s.color}">${escape(p.label)}</text>`);
    }
    const ly = margin.top + 10 + i * 20;
    parts.push(`<line x1="${width - margin.right + 15}" x2="${width - margin.right + 40}" y1="${ly}" y2="${ly}" stroke="${s.color}" stroke-width="2"/>`);
    parts.push(`<text x="${width - margin.right + 46}" y="${ly + 4}">${escape(s.name)}</text>`);
  });
  if (series.length === 0) parts.push(`<text x="${margin.left + 20}" y="${margin.top + 40}">no latency figures in this run</text>`);
  parts.push('</svg>');
  return parts.join('\n');
}

function niceCeil(v: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(v));
  for (const step of [1, 2, 2.5, 5, 10]) if (v <= step * magnitude) return step * magnitude;
  return 10 * magnitude;
}
