import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, removeTestStreams, testMessaging } from '@liaison/testing';

const ROOT = path.resolve(__dirname, '../..');

export interface RunningService {
  name: string;
  url: string;
  databaseUrl: string;
}

export interface Deployment {
  services: RunningService[];
  jwtSecret: string;
  /** LIAISON_SECRET_KEY: seals webhook secrets at rest; looked for in the logs too */
  secretKey: string;
  admin: { email: string; password: string };
  logDir: string;
  stop(): Promise<void>;
}

/** Builds the services with their own tsconfig.build.json (cached by Nx while their inputs are unchanged). */
export function buildServices(names: readonly string[]): void {
  execFileSync('npx', ['nx', 'run-many', '-t', 'build', '-p', names.join(','), '--outputStyle=static'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

/**
 * Starts each service as its own process from its build, with a database of its own and this
 * run's NATS prefixes, as in production; waits until each answers /health/ready.
 */
/** This run's secrets: the token signing secret, the sealing key and the UN administrator, made fresh. */
export function freshCredentials(): Pick<Deployment, 'jwtSecret' | 'secretKey' | 'admin'> {
  return {
    jwtSecret: randomBytes(32).toString('hex'),
    secretKey: randomBytes(32).toString('base64'),
    admin: { email: 'fuzz.admin@un.example.org', password: randomBytes(12).toString('hex') },
  };
}

/** What every fuzzed process is started with besides its own addresses: the credentials, full request logs, no rate limit. */
export function fuzzedEnvironment({ jwtSecret, secretKey, admin }: ReturnType<typeof freshCredentials>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    AUTH_JWT_SECRET: jwtSecret,
    LIAISON_SECRET_KEY: secretKey,
    LIAISON_ADMIN_EMAIL: admin.email,
    LIAISON_ADMIN_PASSWORD: admin.password,
    // every request is logged, so the run shows that no log line holds a secret
    LOG_LEVEL: 'info',
    // the fuzzer is one client sending as fast as it can; the login route keeps its own limit
    RATE_LIMIT_PER_MINUTE: '100000000',
    SHUTDOWN_DRAIN_SECONDS: '0',
  };
}

export async function startDeployment(names: readonly string[]): Promise<Deployment> {
  const credentials = freshCredentials();
  const messaging = testMessaging();
  const logDir = mkdtempSync(path.join(tmpdir(), 'liaison-fuzz-'));
  const children: ChildProcess[] = [];
  const drops: Array<() => Promise<void>> = [];
  const services: RunningService[] = [];
  const stop = async () => {
    await Promise.all(children.map((child) => stopChild(child)));
    for (const drop of drops) await drop().catch(() => undefined);
    await removeTestStreams(messaging).catch(() => undefined);
  };
  try {
    for (const name of names) {
      const database = await createTestDatabase(`fuzz_${name}`);
      drops.push(database.drop);
      const port = await freePort();
      const log = createWriteStream(path.join(logDir, `${name}.log`));
      const child = spawn(process.execPath, ['-r', './tools/register-paths.js', `dist/${name}/services/${name}/src/main.js`], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...fuzzedEnvironment(credentials),
          PORT: String(port),
          DATABASE_URL: database.url,
          DATABASE_POOL_SIZE: '5',
          NATS_URL: messaging.natsUrl,
          NATS_SUBJECT_PREFIX: messaging.subjectPrefix,
          NATS_STREAM_PREFIX: messaging.streamPrefix,
        },
      });
      child.stdout!.pipe(log);
      child.stderr!.pipe(log);
      children.push(child);
      services.push({ name, url: `http://127.0.0.1:${port}`, databaseUrl: database.url });
    }
    await Promise.all(services.map((service, index) => waitReady(service, children[index], logDir)));
  } catch (error) {
    await stop();
    throw error;
  }
  return { services, ...credentials, logDir, stop };
}

async function waitReady(service: RunningService, child: ChildProcess, logDir: string): Promise<void> {
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${service.name} exited with ${child.exitCode} at start: see ${logDir}/${service.name}.log`);
    const ready = await fetch(`${service.url}/health/ready`).then((answer) => answer.ok, () => false);
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${service.name} was not ready within 120 s: see ${logDir}/${service.name}.log`);
}

export function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  // a child that ended by a signal has a signalCode and no exitCode
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

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
