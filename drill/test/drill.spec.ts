import { spawnSync } from 'node:child_process';
import path from 'node:path';

// Real: the drill starts a Postgres and a NATS of its own, Liaison's services as processes, and
// injects every fault in its short run; it exits non-zero when a write was lost, duplicated or leaked.
const ROOT = path.resolve(__dirname, '../..');

describe('npm run drill -- --quick', () => {
  it('accounts for every acknowledged brief through every fault: nothing lost, duplicated or leaked', () => {
    const run = spawnSync(process.execPath, ['-r', '@swc-node/register', 'drill/src/main.ts', '--quick'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 840_000,
    });
    const output = `${run.stdout}\n${run.stderr}`;
    expect([run.status, output.slice(-4000)]).toEqual([0, expect.stringContaining('| drill |')]);
    const rows = output.split('\n').filter((line) => /^\| (SIGKILL|SIGTERM|Postgres)/.test(line));
    expect(rows.length).toBeGreaterThanOrEqual(6);
    for (const row of rows) {
      const [, acknowledged, , lost, duplicates, leaks] = row.split('|').map((cell) => cell.trim()).slice(1);
      expect([row, Number(acknowledged) > 0, lost, duplicates, leaks]).toEqual([row, true, '0', '0', '0']);
    }
  }, 900_000);
});
