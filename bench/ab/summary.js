// Prints, for each figure of an A/B folder (bench/ab/ab.sh), its median over the pairs: base beside change.
const fs = require('node:fs');
const path = require('node:path');

const dir = process.argv[2];
const runs = { base: [], change: [] };
for (const entry of fs.readdirSync(dir)) {
  const match = /^(base|change)-\d+$/.exec(entry);
  if (!match) continue;
  const file = fs.readdirSync(path.join(dir, entry)).find((name) => name.endsWith('.json'));
  if (file) runs[match[1]].push(JSON.parse(fs.readFileSync(path.join(dir, entry, file), 'utf8')));
}

/** figure name → side → values, one per pair */
const figures = new Map();
const add = (name, side, value) => {
  if (typeof value !== 'number' || Number.isNaN(value)) return;
  if (!figures.has(name)) figures.set(name, { base: [], change: [] });
  figures.get(name)[side].push(value);
};
for (const side of ['base', 'change']) {
  for (const result of runs[side]) {
    for (const m of result.measurements) {
      if (m.status !== 'measured') continue;
      add(`${m.key} throughput`, side, m.throughput?.median);
      for (const q of ['p50', 'p90', 'p99']) add(`${m.key} ${q} ms`, side, m.latency?.[q]?.median);
      for (const u of m.usage ?? []) {
        add(`${m.key} CPU ${u.name}`, side, u.cpuCores?.median);
        add(`${m.key} RSS MB ${u.name}`, side, u.peakRssMb?.median);
      }
    }
  }
}
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : NaN;
};
const show = (value) => (Math.abs(value) >= 10 ? value.toFixed(0) : value.toFixed(2));
console.log(`pairs: base ${runs.base.length}, change ${runs.change.length}`);
for (const [name, sides] of [...figures].sort(([a], [b]) => a.localeCompare(b))) {
  const cells = ['base', 'change'].map((side) => `${show(median(sides[side])).padStart(7)} [${sides[side].map(show).join(', ')}]`);
  console.log(`${name.padEnd(48)} ${cells[0].padEnd(34)} ${cells[1]}`);
}
