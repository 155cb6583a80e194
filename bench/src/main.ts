import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CompiledTree } from './build';
import { latencyChart } from './chart';
import type { BenchContext } from './context';
import { BenchIsolation, removeLeftovers } from './isolation';
import { measureLiaison } from './liaison/liaison';
import { describeMachine } from './machine';
import { parseOptions } from './options';
import { summarizeProfiles } from './profile';
import { measuredWindows } from './processes';
import { measureRaw } from './raw/raw';
import { type BenchResults, type Measurement, attachRatios } from './results';
import { measureStandalone } from './standalone/standalone';
import { formatTables } from './table';

const DEFAULT_RESULTS = 'bench/results';
const README = path.resolve(__dirname, '../README.md');
const MARK = '<!-- results -->';

/**
 * `npm run bench`: measures this machine's raw limits, then Liaison end to end, then the
 * standalone mode, prints one table and writes bench/results/<date>.json and .svg.
 */
async function main(): Promise<void> {
  const started = Date.now();
  const options = parseOptions(process.argv.slice(2), process.env);
  const log = (line: string) => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}`);
  if (options.clean) {
    await removeLeftovers(options.databaseUrl, options.natsUrl, log);
    return;
  }
  const isolation = new BenchIsolation(options.databaseUrl, options.natsUrl);
  const machine = await describeMachine(options.databaseUrl, options.natsUrl);
  log(`run ${isolation.id}: databases liaison_bench_${isolation.id}_*, streams ${isolation.streamPrefix}*, subjects ${isolation.subjectPrefix}*`);
  const build = await CompiledTree.build(isolation.id);
  log(`compiled the services and workers into ${build.dir}`);
  const measurements: Measurement[] = [];
  const profiles = path.join(options.resultsDir, 'profiles', isolation.id);
  const profileDir = (name: string) => (options.profile ? path.join(profiles, name) : undefined);
  const ctx: BenchContext = { options, isolation, log, measurements, build, profileDir };
  const stop = async (code = 130) => {
    log('stopped: cleaning up');
    if (!options.keep) await isolation.cleanUp().catch(() => undefined);
    build.remove();
    process.exit(code);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop(143));
  process.once('unhandledRejection', (error) => {
    log(`unexpected: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    void stop(1);
  });
  let failed = false;
  try {
    for (const part of options.parts) {
      const measure = part === 'raw' ? measureRaw : part === 'liaison' ? measureLiaison : measureStandalone;
      try {
        measurements.push(...(await measure(ctx)));
      } catch (error) {
        failed = true;
        const message = error instanceof Error ? error.message : String(error);
        log(`part ${part} failed: ${message}`);
        measurements.push({ part, key: `${part}.failed`, label: `part ${part}`, unit: '', status: 'failed', note: message.split('\n')[0], runs: [] });
      }
    }
  } finally {
    if (options.keep) log(`kept: ${isolation.describe().join(', ')}, streams ${isolation.streamPrefix}*, the processes' logs in ${build.dir}/logs`);
    else {
      await isolation.cleanUp();
      build.remove();
    }
  }
  attachRatios(measurements);
  const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const results: BenchResults = {
    date,
    machine,
    options: { ...options, databaseUrl: undefined, natsUrl: undefined },
    isolation: { id: isolation.id, subjectPrefix: isolation.subjectPrefix, streamPrefix: isolation.streamPrefix },
    measurements,
    durationSeconds: Math.round((Date.now() - started) / 1000),
  };
  if (options.profile) {
    results.profiles = Object.fromEntries(readdirSync(profiles).map((name) => [name, summarizeProfiles(path.join(profiles, name), measuredWindows)]));
    results.profileWindows = measuredWindows;
  }
  const table = formatTables(results);
  console.log(table);
  mkdirSync(options.resultsDir, { recursive: true });
  const base = path.join(options.resultsDir, `${date.replace(/:/g, '-')}${options.quick ? '-quick' : ''}`);
  writeFileSync(`${base}.json`, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(`${base}.svg`, `${latencyChart(results)}\n`);
  writeFileSync(`${base}.md`, `${table}\n`);
  log(`wrote ${base}.json, .svg and .md in ${results.durationSeconds} s`);
  if (!options.quick && options.resultsDir === DEFAULT_RESULTS) {
    updateReadme(table, path.basename(base));
    log('bench/README.md shows this run');
  }
  // A part that could not run is a failure of the harness (CI keeps it working); a figure below its target is not.
  process.exit(failed ? 1 : 0);
}

/**
 * The README's last section shows the latest full run: its header and table of figures, and
 * where its files are (the per-process table and the notes stay in the run's .md, so the
 * manual stays short).
 */
function updateReadme(table: string, base: string): void {
  const readme = readFileSync(README, 'utf8');
  const at = readme.indexOf(MARK);
  if (at < 0) return;
  const lines = table.split('\n');
  const end = lines.indexOf('', 3);
  const figures = (end < 0 ? lines : lines.slice(0, end)).map((line, i) => (i < 2 ? `${line}  ` : line));
  const files = `Files: tables and notes [results/${base}.md](results/${base}.md), every run's figures [results/${base}.json](results/${base}.json), chart [results/${base}.svg](results/${base}.svg).`;
  const section = [MARK, '', ...figures, '', files, ''];
  writeFileSync(README, readme.slice(0, at) + section.join('\n'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
