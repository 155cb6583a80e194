import { spawnSync } from 'node:child_process';
import path from 'node:path';

// Real: the drill starts a Postgres, a NATS, an SMTP server and a webhook receiver of its own,
// Liaison's five services as processes, and injects every fault in its short run; it exits
// non-zero when a write was lost, duplicated or leaked, or a poison event was not set aside and
// taken into effect once after its replay.
const ROOT = path.resolve(__dirname, '../..');

describe('npm run drill -- --quick', () => {
  it('accounts for every acknowledged write through every fault (stream, inbox, items, e-mails, webhooks): nothing lost, duplicated or leaked', () => {
    const run = spawnSync(process.execPath, ['-r', '@swc-node/register', 'drill/src/main.ts', '--quick'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 1_500_000,
    });
    const output = `${run.stdout}\n${run.stderr}`;
    expect([run.status, output.slice(-6000)]).toEqual([0, expect.stringContaining('| drill |')]);
    const table = output.slice(output.indexOf('| drill |')).split('\n');
    const rows = table.filter((line) => /^\| [A-Z]/.test(line) && !line.startsWith('| drill |'));
    expect(rows.length).toBeGreaterThanOrEqual(8);
    for (const row of rows) {
      const [, acknowledged, , lost, duplicates, leaks, checked, , , errors] = row.split('|').map((cell) => cell.trim()).slice(1);
      const [items, , webhooks] = checked.split(',').map((n) => Number(n));
      expect([row, Number(acknowledged) > 0, items > 0, webhooks > 0, lost, duplicates, leaks, errors]).toEqual([row, true, true, true, '0', '0', '0', '0']);
    }
    // redeliveries were forced, and made no duplicate
    const shortAckWait = rows.find((row) => row.startsWith('| Duplicate deliveries'))!;
    expect(Number(shortAckWait.split('|')[8])).toBeGreaterThan(0);
    expect(output).toMatch(/poison event: dead letter after \d+ deliveries .*replayed after the fix: yes, a second replay refused: yes; lost 0, duplicates 0, leaks 0/);
  }, 1_560_000);
});
