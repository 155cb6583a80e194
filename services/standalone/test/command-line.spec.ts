import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { StandaloneProcess } from './standalone-process';

// `npm start -- …` as someone types it: a mistyped option stops the start before anything is made
// (a demo world made by mistake could not be taken back), and says what the options are; a port
// another program holds stops it before its Postgres is made.

/** Its exit code, or, when it is still running after `ms` (it took the arguments and started), stopped and 'still running'. */
async function exitWithin(host: StandaloneProcess, ms: number): Promise<number | null | 'still running'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'still running'>((resolve) => (timer = setTimeout(() => resolve('still running'), ms)));
  const outcome = await Promise.race([host.waitForExit(), late]);
  clearTimeout(timer);
  if (outcome === 'still running') await host.stop();
  return outcome;
}

describe('standalone command line', () => {
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'liaison-arguments-'));
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('refuses a mistyped option, saying which and what the options are, and makes no data directory', async () => {
    const dataDir = path.join(folder, 'data');
    const mistyped = StandaloneProcess.spawn(dataDir, ['--emtpy']);
    expect(await exitWithin(mistyped, 20_000)).toBe(2);
    expect(mistyped.text()).toContain("Unknown option '--emtpy'");
    expect(mistyped.text()).toContain('usage: npm start [-- --empty]');
    expect(existsSync(dataDir)).toBe(false);
  });

  it('prints its usage for --help and exits 0', async () => {
    const help = StandaloneProcess.spawn(path.join(folder, 'unused'), ['--help']);
    expect(await exitWithin(help, 20_000)).toBe(0);
    expect(help.text()).toContain('--empty   make no demo world on a new data directory');
  });

  it('stops at once, saying so, when its port is taken by another program, before any Postgres is made', async () => {
    const other = createServer();
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const { port } = other.address() as { port: number };
    try {
      const dataDir = path.join(folder, 'taken');
      const refused = StandaloneProcess.spawn(dataDir, ['--empty'], { PORT: String(port) });
      expect(await exitWithin(refused, 20_000)).toBe(1);
      expect(refused.text()).toContain(`Port ${port} on 127.0.0.1 is in use by another program`);
      expect(existsSync(path.join(dataDir, 'postgres'))).toBe(false);
      expect(existsSync(path.join(dataDir, 'liaison.lock'))).toBe(false);
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });
});
