import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Client } from 'pg';

const handedOut = new Set<number>();

/**
 * A port nobody listens on now, never the same one twice, and below Linux's ephemeral range
 * (32768–60999): a port from that range can become the source port of an outgoing connection (a
 * test's, to Postgres or NATS) in the seconds before a service listens on it, which then fails
 * with EADDRINUSE.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (!handedOut.has(port) && (await canListen(port))) {
      handedOut.add(port);
      return port;
    }
  }
}

/** Whether a server can listen on `port` on every address, as the services do. */
function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Debian's Postgres binaries (the newest installed version). */
function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) throw new Error('drill: no Postgres binaries under /usr/lib/postgresql (apt-get install postgresql)');
  const version = readdirSync(root).sort((a, b) => Number(b) - Number(a))[0];
  return path.join(root, version, 'bin');
}

/**
 * A Postgres server of the drill's own (its own data directory and port, nothing else on the
 * machine touched), which the drill crashes, restarts and takes away. As root, the server runs
 * as the `postgres` user, since Postgres refuses to run as root.
 */
export class DrillPostgres {
  private constructor(readonly dir: string, readonly port: number) {}

  static async create(dir: string): Promise<DrillPostgres> {
    mkdirSync(dir, { recursive: true });
    const port = await freePort();
    const server = new DrillPostgres(dir, port);
    if (process.getuid?.() === 0) {
      // the server's user must reach its directory through the drill's private working folder
      chmodSync(path.dirname(dir), 0o755);
      chownSync(dir, uidOf('postgres'), gidOf('postgres'));
    }
    server.run('initdb', ['-D', dir, '-A', 'trust', '-U', 'postgres', '--no-sync']);
    await server.start();
    return server;
  }

  get adminUrl(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  url(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async createDatabase(name: string): Promise<string> {
    const client = new Client({ connectionString: this.adminUrl });
    await client.connect();
    await client.query(`CREATE DATABASE "${name}"`);
    await client.end();
    return this.url(name);
  }

  async start(): Promise<void> {
    this.pgCtl(['start', '-w', '-o', `-p ${this.port} -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=on`]);
  }

  /** A crash: every backend killed at once, then the server started again (crash recovery). */
  async crashRestart(): Promise<void> {
    this.pgCtl(['stop', '-m', 'immediate', '-w']);
    await this.start();
  }

  async stop(): Promise<void> {
    this.pgCtl(['stop', '-m', 'fast', '-w']);
  }

  /** Removes the server and its data. */
  async remove(): Promise<void> {
    try {
      this.pgCtl(['stop', '-m', 'immediate', '-w']);
    } catch {
      // already stopped
    }
    execFileSync('rm', ['-rf', this.dir]);
  }

  private pgCtl(args: string[]): void {
    this.run('pg_ctl', ['-D', this.dir, '-l', path.join(this.dir, 'server.log'), ...args]);
  }

  private run(program: string, args: string[]): void {
    const binary = path.join(postgresBin(), program);
    if (process.getuid?.() === 0) execFileSync('runuser', ['-u', 'postgres', '--', binary, ...args], { stdio: 'pipe' });
    else execFileSync(binary, args, { stdio: 'pipe' });
  }
}

/** A NATS server with JetStream of the drill's own, killed and restarted on its data. */
export class DrillNats {
  private child?: ChildProcess;

  private constructor(readonly dir: string, readonly port: number) {}

  static async create(dir: string): Promise<DrillNats> {
    mkdirSync(dir, { recursive: true });
    const server = new DrillNats(dir, await freePort());
    await server.start();
    return server;
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const binary = ['/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server'].find(existsSync);
    if (!binary) throw new Error('drill: no nats-server (apt-get install nats-server)');
    // sync_interval always: an acknowledged publish is on disk before the ack (STACK.md, NATS durability)
    this.child = spawn(binary, ['-a', '127.0.0.1', '-p', String(this.port), '-js', '-sd', this.dir], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      if (await answers(this.port)) return;
      await sleep(100);
    }
    throw new Error('drill: nats-server did not start');
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async remove(): Promise<void> {
    await this.kill();
    execFileSync('rm', ['-rf', this.dir]);
  }
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function uidOf(user: string): number {
  return Number(execFileSync('id', ['-u', user]).toString().trim());
}

function gidOf(user: string): number {
  return Number(execFileSync('id', ['-g', user]).toString().trim());
}
