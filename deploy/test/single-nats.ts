import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const DEPLOY = resolve(__dirname, '..');
export const NATS_SERVER = process.env.NATS_SERVER_BIN ?? '/usr/sbin/nats-server';

/** The passwords deploy/nats/accounts.conf reads from the server's environment. */
export const NATS_PASSWORDS: Record<string, string> = {
  NATS_OPERATOR_PASSWORD: 'operator-pw',
  NATS_SYSTEM_PASSWORD: 'system-pw',
  ORGANIZATIONS_NATS_PASSWORD: 'organizations-pw',
  DIALOGUES_NATS_PASSWORD: 'dialogues-pw',
  CAPACITY_BUILDING_NATS_PASSWORD: 'capacity-building-pw',
  TRAINING_NATS_PASSWORD: 'training-pw',
  NOTIFICATIONS_NATS_PASSWORD: 'notifications-pw',
};

/** The password of a service's (or the operator's) NATS user. */
export function natsPassword(user: string): string {
  return user === 'operator' ? NATS_PASSWORDS.NATS_OPERATOR_PASSWORD : NATS_PASSWORDS[`${user.toUpperCase().replace(/-/g, '_')}_NATS_PASSWORD`];
}

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

export async function waitForPort(port: number, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((done) => {
      const socket = new Socket();
      socket.once('connect', () => (socket.destroy(), done(true)));
      socket.once('error', () => (socket.destroy(), done(false)));
      socket.connect(port, '127.0.0.1');
    });
    if (open) return;
    if (Date.now() > until) throw new Error(`nothing answers on port ${port}`);
    await new Promise((wait) => setTimeout(wait, 100));
  }
}

/**
 * The production node's configuration (deploy/nats/nats-cluster.conf with its accounts) on one
 * node: the same accounts and permissions, without the cluster's routes and without TLS (which
 * `tlsCertsDir` keeps, with certificates from deploy/nats/make-certs.sh).
 */
export function singleNodeConfig(dir: string, port: number, tlsCertsDir?: string): string {
  let config = readFileSync(join(DEPLOY, 'nats/nats-cluster.conf'), 'utf8');
  config = removeBlock(config, 'cluster');
  if (tlsCertsDir) config = config.replaceAll('/etc/nats/certs', tlsCertsDir);
  else config = removeBlock(config, 'tls');
  config = config
    .replace(/^listen: .*$/m, `listen: 127.0.0.1:${port}`)
    .replace(/^http: .*$/m, '')
    .replace('/data/jetstream', join(dir, 'jetstream'))
    // the machines' nats-server is 2.9, which predates the setting (production runs >= 2.12.3)
    .replace(/^\s*sync_interval: .*$/m, '');
  copyFileSync(join(DEPLOY, 'nats/accounts.conf'), join(dir, 'accounts.conf'));
  const file = join(dir, 'nats.conf');
  writeFileSync(file, config);
  return file;
}

function removeBlock(config: string, name: string): string {
  const start = config.search(new RegExp(`^${name} \\{`, 'm'));
  if (start < 0) throw new Error(`no ${name} block in nats-cluster.conf`);
  let depth = 0;
  for (let i = config.indexOf('{', start); i < config.length; i++) {
    if (config[i] === '{') depth++;
    if (config[i] === '}' && --depth === 0) return config.slice(0, start) + config.slice(i + 1);
  }
  throw new Error(`unbalanced ${name} block in nats-cluster.conf`);
}

export interface RunningNats {
  url: string;
  port: number;
  dir: string;
  stop(): Promise<void>;
}

/** Starts a nats-server of its own on a free port with the deploy configuration (one node). */
export async function startSingleNats(options: { tlsCertsDir?: string } = {}): Promise<RunningNats> {
  const dir = mkdtempSync(join(tmpdir(), 'liaison-nats-'));
  const port = await freePort();
  const config = singleNodeConfig(dir, port, options.tlsCertsDir);
  const server: ChildProcess = spawn(NATS_SERVER, ['-c', config], {
    env: { ...process.env, ...NATS_PASSWORDS, NODE_NAME: 'test-node' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  server.stderr?.on('data', (chunk) => (log += chunk));
  const exited = new Promise<void>((done) => server.once('exit', () => done()));
  try {
    await Promise.race([waitForPort(port), exited.then(() => Promise.reject(new Error(`nats-server stopped: ${log}`)))]);
  } catch (error) {
    server.kill();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `${options.tlsCertsDir ? 'tls' : 'nats'}://127.0.0.1:${port}`,
    port,
    dir,
    async stop() {
      server.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
