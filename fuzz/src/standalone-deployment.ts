import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { standaloneDatabaseUrl, standaloneStartArguments } from '@liaison/testing';
import { type Deployment, freePort, stopChild } from './deployment';

const ROOT = path.resolve(__dirname, '../..');

/**
 * The standalone host as `npm start` runs it (its build step, then one process on an empty data
 * directory with its own Postgres, `--empty`), every service behind its one port. Each service
 * is fuzzed there through the document it serves; the refused-write check reads the service's
 * database in the host's Postgres.
 */
export async function startStandalone(names: readonly string[]): Promise<Deployment> {
  execFileSync(process.execPath, ['tools/build-standalone.js'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const jwtSecret = randomBytes(32).toString('hex');
  const secretKey = randomBytes(32).toString('base64');
  const admin = { email: 'fuzz.admin@un.example.org', password: randomBytes(12).toString('hex') };
  const logDir = mkdtempSync(path.join(tmpdir(), 'liaison-fuzz-'));
  const dataDir = mkdtempSync(path.join(tmpdir(), 'liaison-fuzz-data-'));
  const port = await freePort();
  const log = createWriteStream(path.join(logDir, 'standalone.log'));
  const child = spawn(process.execPath, [...standaloneStartArguments(), '--empty'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      LIAISON_DATA_DIR: dataDir,
      AUTH_JWT_SECRET: jwtSecret,
      LIAISON_SECRET_KEY: secretKey,
      LIAISON_ADMIN_EMAIL: admin.email,
      LIAISON_ADMIN_PASSWORD: admin.password,
      // every request is logged, so the run shows that no log line holds a secret
      LOG_LEVEL: 'info',
      // the fuzzer is one client sending as fast as it can; the login route keeps its own limit
      RATE_LIMIT_PER_MINUTE: '100000000',
      SHUTDOWN_DRAIN_SECONDS: '0',
    },
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const stop = async () => {
    await stopChild(child, 30_000);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const until = Date.now() + 120_000;
    while (!/Liaison is serving at/.test(output)) {
      if (child.exitCode !== null) throw new Error(`the standalone exited with ${child.exitCode} at start: see ${logDir}/standalone.log`);
      if (Date.now() > until) throw new Error(`the standalone was not serving within 120 s: see ${logDir}/standalone.log`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const services = names.map((name) => ({ name, url: `http://127.0.0.1:${port}`, databaseUrl: standaloneDatabaseUrl(dataDir, name) }));
    return { services, jwtSecret, secretKey, admin, logDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
