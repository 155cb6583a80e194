import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { account, type Accounting, quiescence } from './checker';
import { DRILLS, poisonDrill } from './drills';
import { DrillLiaison } from './liaison';
import { briefLoad, seedNetwork } from './network';
import { DrillNats, DrillPostgres } from './servers';

interface Options {
  quick: boolean;
  rate: number;
  seconds: number;
  outageMs: number;
  only?: string;
}

function options(argv: string[]): Options {
  const quick = argv.includes('--quick');
  const value = (name: string) => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  return {
    quick,
    // quick: a few hundred events per drill; full: at least 10,000 per drill
    rate: Number(value('rate') ?? (quick ? 20 : 50)),
    seconds: Number(value('seconds') ?? (quick ? 12 : 210)),
    // full: five minutes, longer than the old retry budget of about 2.6 minutes
    outageMs: Number(value('outage-ms') ?? (quick ? 8_000 : 300_000)),
    only: value('only'),
  };
}

interface DrillRow extends Accounting {
  drill: string;
  refused: number;
  statuses: Record<string, number>;
  recoveryMs: number;
}

/**
 * `npm run drill`: Liaison as separate processes on a Postgres and a NATS of the drill's own,
 * a steady load of briefs to a subscribed network, one fault per drill, then an account of every
 * acknowledged write. Exits non-zero when anything was lost, duplicated or leaked.
 */
async function main(): Promise<number> {
  const opts = options(process.argv.slice(2));
  const work = mkdtempSync(path.join(tmpdir(), 'liaison-drill-'));
  const log = (line: string) => console.log(`drill: ${line}`);
  log(`working in ${work}`);
  const postgres = await DrillPostgres.create(path.join(work, 'postgres'));
  const nats = await DrillNats.create(path.join(work, 'nats'));
  mkdirSync(path.join(work, 'logs'));
  let liaison: DrillLiaison | undefined;
  const rows: DrillRow[] = [];
  try {
    // short budgets, so that an outage outlasts them many times over
    liaison = await DrillLiaison.start(postgres, nats, path.join(work, 'logs'), { DATABASE_POOL_SIZE: '5' });
    const network = await seedNetwork(liaison, opts.quick ? 4 : 8);
    log(`network: ${network.organizations.length} organizations, ${network.officers.length} subscribed officers`);
    for (const drill of DRILLS.filter((d) => !opts.only || d.name.toLowerCase().includes(opts.only.toLowerCase()))) {
      log(`${drill.name}: ${opts.seconds} s of briefs at ${opts.rate}/s`);
      let stop!: () => void;
      const stopped = new Promise<void>((resolve) => (stop = resolve));
      const load = briefLoad(liaison, network, opts.rate, stopped);
      await new Promise((resolve) => setTimeout(resolve, (opts.seconds * 1000) / 3));
      const faultStarted = Date.now();
      await drill.fault(liaison, { outageMs: opts.outageMs });
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, (opts.seconds * 1000 * 2) / 3 - (Date.now() - faultStarted))));
      stop();
      const result = await load;
      const recoveryMs = Date.now() - faultStarted + (await quiescence(liaison));
      const accounting = await account(liaison, network, result.acknowledged);
      rows.push({ drill: drill.name, refused: result.refused, statuses: result.statuses, recoveryMs, ...accounting });
      log(`  acknowledged ${accounting.acknowledged}, refused ${result.refused}, lost ${accounting.lost}, duplicates ${accounting.duplicates}, leaks ${accounting.leaks}, pairs ${accounting.pairs}, recovered in ${(recoveryMs / 1000).toFixed(1)} s`);
      for (const line of accounting.details) log(`    ${line}`);
    }
    const poison = await poisonDrill(liaison, network);
    log(`poison event: ${poison.listed ? 'in the dead letters, listed to a UN admin' : 'NOT in the dead letters'}${poison.discarded ? ', discarded with a reason' : ''}`);
    printTable(rows);
    const file = path.resolve(__dirname, '../../bench/results', `drill-${new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)}Z${opts.quick ? '-quick' : ''}.json`);
    if (!opts.quick) writeFileSync(file, JSON.stringify({ options: opts, rows, poison }, null, 2));
    const failed = rows.some((row) => row.lost + row.duplicates + row.leaks > 0 || row.acknowledged === 0) || !poison.listed || !poison.discarded;
    return failed ? 1 : 0;
  } finally {
    await liaison?.stop();
    await nats.remove();
    await postgres.remove();
  }
}

function printTable(rows: DrillRow[]): void {
  console.log('\n| drill | acknowledged | refused | lost | duplicates | leaks | (officer, item) pairs | recovered in |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const row of rows) {
    console.log(`| ${row.drill} | ${row.acknowledged} | ${row.refused} | ${row.lost} | ${row.duplicates} | ${row.leaks} | ${row.pairs} | ${(row.recoveryMs / 1000).toFixed(1)} s |`);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
