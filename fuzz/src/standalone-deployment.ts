import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildLikeNpmStart, standaloneDatabaseUrl, standaloneStartArguments } from '@liaison/testing';
import { type Deployment, freePort, freshCredentials, fuzzedEnvironment, stopChild } from './deployment';

const ROOT = path.resolve(__dirname, '../..');

/**
 * The standalone host as `npm start` runs it (its build steps, then one process on an empty data
 * directory with its own Postgres, `--empty`), every service behind its one port. Each service
 * is fuzzed there through the document it serves; the refused-write check reads the service's
 * database in the host's Postgres.
 */
export async function startStandalone(names: readonly string[]): Promise<Deployment> {
  buildLikeNpmStart();
  const credentials = freshCredentials();
  const logDir = mkdtempSync(path.join(tmpdir(), 'liaison-fuzz-'));
  const dataDir = mkdtempSync(path.join(tmpdir(), 'liaison-fuzz-data-'));
  const port = await freePort();
  const log = createWriteStream(path.join(logDir, 'standalone.log'));
  const child = spawn(process.execPath, [...standaloneStartArguments(), '--empty'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...fuzzedEnvironment(credentials), PORT: String(port), LIAISON_DATA_DIR: dataDir },
  });
  // read until it says it serves; from then on its output only goes to the log
  let output = '';
  const untilServing = (chunk: Buffer) => (output += chunk.toString());
  child.stdout!.on('data', untilServing);
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
    child.stdout!.off('data', untilServing);
    const services = names.map((name) => ({ name, url: `http://127.0.0.1:${port}`, databaseUrl: standaloneDatabaseUrl(dataDir, name) }));
    return { services, ...credentials, logDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
