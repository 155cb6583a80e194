import { spawn, execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STANDALONE_FILE, STATE_DIR, settings } from './settings';

const ROOT = join(__dirname, '..', '..', '..');
const LOG = join(STATE_DIR, 'standalone.log');

interface Started {
  pid: number;
  dataDir: string;
  url: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts the standalone from source (services/standalone/src/main.ts under @swc-node/register;
 * `npm start` runs the same code compiled), on a fresh data directory and a free port, serving
 * the console's build;
 * resolves with its address once it has made its demo world and says it is serving.
 */
export async function startStandalone(): Promise<string> {
  await stopStandalone(); // one left by a run that was killed
  if (!existsSync(join(ROOT, 'apps/console/dist/index.html'))) {
    execFileSync('npx', ['vite', 'build', '--config', 'apps/console/vite.config.ts'], { cwd: ROOT, stdio: 'inherit' });
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'liaison-console-e2e-'));
  const log = openSync(LOG, 'w');
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'services/standalone/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      LIAISON_DATA_DIR: dataDir,
      LIAISON_CONSOLE_DIR: join(ROOT, 'apps/console/dist'),
      LIAISON_ADMIN_EMAIL: settings.admin.email,
      LIAISON_ADMIN_PASSWORD: settings.admin.password,
      SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', log, log],
    detached: true,
  });
  closeSync(log);
  child.unref();
  if (child.pid === undefined) throw new Error(`node did not start the standalone (${LOG})`);
  const pid = child.pid;
  writeFileSync(STANDALONE_FILE, JSON.stringify({ pid, dataDir, url: '' } satisfies Started));
  const deadline = Date.now() + 150_000;
  for (;;) {
    const output = readFileSync(LOG, 'utf8');
    const served = /Liaison is serving at (http:\/\/\S+)/.exec(output);
    if (served) {
      writeFileSync(STANDALONE_FILE, JSON.stringify({ pid, dataDir, url: served[1] } satisfies Started));
      return served[1];
    }
    if (!alive(pid) || Date.now() > deadline) {
      await stopStandalone();
      throw new Error(`the standalone did not start (${LOG}):\n${output.slice(-3000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** SIGTERM to the standalone (it stops its services, then its Postgres), SIGKILL after 30 s; its data directory is removed. */
export async function stopStandalone(): Promise<void> {
  if (!existsSync(STANDALONE_FILE)) return;
  const { pid, dataDir } = JSON.parse(readFileSync(STANDALONE_FILE, 'utf8')) as Started;
  if (alive(pid)) {
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + 30_000;
    while (alive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    if (alive(pid)) {
      process.kill(-pid, 'SIGKILL');
      // its Postgres runs apart (pg_ctl): told to stop before its data directory goes
      const postmaster = join(dataDir, 'postgres', 'postmaster.pid');
      if (existsSync(postmaster)) {
        const postgres = Number(readFileSync(postmaster, 'utf8').split('\n')[0]);
        if (alive(postgres)) process.kill(postgres, 'SIGQUIT');
      }
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(STANDALONE_FILE, { force: true });
}
