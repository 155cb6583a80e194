import { existsSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import type { BenchContext } from '../context';
import { serviceNodeOptions } from '../build';
import { Child, httpReady } from '../processes';

/** The services every Liaison load needs; capacity-building joins them when the network has programmes. */
export const SERVICES = ['organizations', 'dialogues', 'notifications'] as const;
export type CoreService = (typeof SERVICES)[number];
export const PROGRAMMES_SERVICE = 'capacity-building';
export type ServiceName = CoreService | typeof PROGRAMMES_SERVICE;

/** The services a run starts: the core ones, and capacity-building when it seeds programmes. */
export function servicesOf(ctx: BenchContext): ServiceName[] {
  return ctx.options.programmes > 0 ? [...SERVICES, PROGRAMMES_SERVICE] : [...SERVICES];
}

const ROOT = path.resolve(__dirname, '../../..');

export interface RunningService {
  name: ServiceName;
  child: Child;
  url: string;
  databaseUrl: string;
}

export interface LiaisonDeployment {
  services: Record<CoreService, RunningService> & Partial<Record<typeof PROGRAMMES_SERVICE, RunningService>>;
  jwtSecret: string;
  admin: { email: string; password: string };
  /** the processes whose usage is sampled, when they are not one per service */
  processes?: Array<{ name: string; pids: () => number[] }>;
  stop: () => Promise<void>;
}

/** The services of part 2 that are not in this checkout yet. */
export function missingServices(ctx: BenchContext): ServiceName[] {
  return servicesOf(ctx).filter((name) => !existsSync(path.join(ROOT, 'services', name, 'src', 'main.ts')));
}

/**
 * Starts each service as its own process, as `node -r @swc-node/register services/<name>/src/main.ts`,
 * with its own database and this run's NATS prefixes, and waits until each is ready.
 */
export async function startLiaison(ctx: BenchContext): Promise<LiaisonDeployment> {
  const jwtSecret = randomBytes(32).toString('hex');
  const secretKey = randomBytes(32).toString('base64');
  const admin = { email: 'bench.admin@un.example.org', password: randomBytes(12).toString('hex') };
  const started: RunningService[] = [];
  const stop = async () => {
    await Promise.all(started.map((s) => s.child.stop()));
  };
  try {
    for (const name of servicesOf(ctx)) {
      const databaseUrl = await ctx.isolation.createDatabase(name);
      const port = await freePort();
      const child = new Child(name, ctx.build.nodeArgs(`services/${name}/src/main.ts`, ctx.profileDir(name), serviceNodeOptions()), {
        PORT: String(port),
        DATABASE_URL: databaseUrl,
        NATS_URL: ctx.isolation.natsUrl,
        NATS_SUBJECT_PREFIX: ctx.isolation.subjectPrefix,
        NATS_STREAM_PREFIX: ctx.isolation.streamPrefix,
        AUTH_JWT_SECRET: jwtSecret,
        // notifications runs as in production: it needs a key to seal webhook secrets
        LIAISON_SECRET_KEY: secretKey,
        LIAISON_ADMIN_EMAIL: admin.email,
        LIAISON_ADMIN_PASSWORD: admin.password,
        LOG_LEVEL: 'warn',
        // the bench is one client sending thousands of requests a second
        RATE_LIMIT_PER_MINUTE: '100000000',
        // no load balancer to wait for: a stop that outlasted the grace period would lose the CPU profile
        SHUTDOWN_DRAIN_SECONDS: '0',
      }, ctx.build.logFile(name));
      started.push({ name, child, url: `http://127.0.0.1:${port}`, databaseUrl });
    }
    // They boot in parallel (migrations, streams, consumers); each must answer /health/ready.
    await Promise.all(started.map((s) => s.child.waitUntil(() => httpReady(`${s.url}/health/ready`), 90_000)));
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    services: Object.fromEntries(started.map((s) => [s.name, s])) as LiaisonDeployment['services'],
    jwtSecret,
    admin,
    stop,
  };
}

/** A port nobody listens on now (other engineers' tests run on this machine too). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
