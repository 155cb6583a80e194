import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

/**
 * `npm start`'s node arguments (its script is the build step `&&` node with them), read from
 * package.json, so the tests, the fuzzer and the bench run the standalone host as it is started.
 */
export function standaloneStartArguments(): string[] {
  return startSteps().at(-1)!.slice(1);
}

/**
 * `npm start`'s build steps (every step of its script before the last: the services compiled,
 * the console built), run here as it runs them; each does nothing when nothing changed.
 */
export function buildLikeNpmStart(): void {
  for (const [command, ...args] of startSteps().slice(0, -1)) {
    if (command !== 'node') throw new Error(`npm start's build step is not a node script: ${command} ${args.join(' ')}`);
    execFileSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
}

function startSteps(): string[][] {
  const { scripts } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  return scripts.start.split('&&').map((step) => step.trim().split(/\s+/));
}

/**
 * A service's database in a running standalone host's Postgres: its port from the cluster's
 * postmaster.pid, its password from the file the host keeps beside the cluster.
 */
export function standaloneDatabaseUrl(dataDir: string, service: string): string {
  const port = Number(readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[3]);
  const password = encodeURIComponent(readFileSync(path.join(dataDir, 'postgres.password'), 'utf8').trim());
  return `postgres://liaison:${password}@127.0.0.1:${port}/liaison_${service.replace(/-/g, '_')}`;
}
