import { spawn } from 'node:child_process';
import path from 'node:path';

// Real: the drill starts a Postgres, a NATS, an SMTP server and a webhook receiver of its own,
// Liaison's five services as processes, and injects every fault in its short run; it exits
// non-zero when a write was lost, duplicated or leaked, or a poison event was not set aside and
// taken into effect once after its replay.
const ROOT = path.resolve(__dirname, '../..');

/** Runs the drill as `npm run drill -- --quick` does; the test's worker stays free meanwhile (not blocked for minutes). */
function runDrill(): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'drill/src/main.ts', '--quick'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 1_500_000);
    child.once('error', reject);
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ status, output: `${Buffer.concat(stdout).toString()}\n${Buffer.concat(stderr).toString()}` });
    });
  });
}

describe('npm run drill -- --quick', () => {
  it('accounts for every acknowledged write through every fault (stream, inbox, items, e-mails, webhooks): nothing lost, duplicated or leaked', async () => {
    const { status, output } = await runDrill();
    expect([status, output.slice(-6000)]).toEqual([0, expect.stringContaining('| drill |')]);
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
