import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { standaloneDatabaseUrl } from '@liaison/testing';
import type { BenchContext } from '../context';
import { standaloneNodeOptions } from '../build';
import { Child, httpReady } from '../processes';
import type { Measurement } from '../results';
import { measureLiaison, type LiaisonTarget } from '../liaison/liaison';
import { freePort, type LiaisonDeployment, PROGRAMMES_SERVICE, SERVICES, type RunningService } from '../liaison/services';

/**
 * Part 3: the standalone mode (`npm start`: one process, its own embedded Postgres, the in-process
 * bus) under the same loads as part 2, each row compared with part 2's row of the same load.
 */
export function measureStandalone(ctx: BenchContext): Promise<Measurement[]> {
  return measureLiaison(ctx, STANDALONE);
}

const STANDALONE: LiaisonTarget = {
  part: 'standalone',
  name: 'Standalone',
  start: startStandalone,
  twin: (kind, rate) => `liaison.${kind}@${rate ?? 'max'}`,
};

/**
 * The standalone host, compiled like the services, with `npm start`'s Node options, on a new data
 * directory (`--empty`: the bench seeds its own network), with the settings part 2 gives each
 * service. The services' database URLs are read from the data directory, as the bench reads part
 * 2's databases.
 */
async function startStandalone(ctx: BenchContext): Promise<LiaisonDeployment> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'liaison-bench-standalone-'));
  const jwtSecret = randomBytes(32).toString('hex');
  const admin = { email: 'bench.admin@un.example.org', password: randomBytes(12).toString('hex') };
  const port = await freePort();
  const child = new Child('standalone', [...ctx.build.nodeArgs('services/standalone/src/main.ts', ctx.profileDir('standalone'), standaloneNodeOptions()), '--empty'], {
    PORT: String(port),
    LIAISON_DATA_DIR: dataDir,
    AUTH_JWT_SECRET: jwtSecret,
    LIAISON_ADMIN_EMAIL: admin.email,
    LIAISON_ADMIN_PASSWORD: admin.password,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '100000000',
    // no load balancer to wait for: a stop that outlasted the grace period would lose the CPU profile
    SHUTDOWN_DRAIN_SECONDS: '0',
  }, ctx.build.logFile('standalone'));
  const stop = async () => {
    await child.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const url = `http://127.0.0.1:${port}`;
    await child.waitUntil(() => httpReady(`${url}/health/ready`), 120_000);
    const services = Object.fromEntries(
      ([...SERVICES, PROGRAMMES_SERVICE] as const).map((name): [string, RunningService] => [name, { name, child, url, databaseUrl: standaloneDatabaseUrl(dataDir, name) }]),
    ) as LiaisonDeployment['services'];
    return { services, jwtSecret, admin, processes: [{ name: 'standalone', pids: () => [child.pid] }], stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
