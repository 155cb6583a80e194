import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

/**
 * `npm start`'s node arguments (its script is the build step `&&` node with them), read from
 * package.json, so the tests, the fuzzer and the bench run the standalone host as it is started.
 */
export function standaloneStartArguments(): string[] {
  const { scripts } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  return scripts.start.split('&&').at(-1)!.trim().split(/\s+/).slice(1);
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
