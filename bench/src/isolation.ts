import { randomBytes } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';

/**
 * Everything one bench run creates carries its id: databases `liaison_bench_<id>_<purpose>`,
 * streams `BENCH_<ID>_*`, subjects `bench_<id>.*`. The bench never touches a database or stream
 * without that mark, so it cannot hurt test or real data on a shared server.
 */
export class BenchIsolation {
  readonly id = randomBytes(3).toString('hex');
  readonly subjectPrefix = `bench_${this.id}.`;
  readonly streamPrefix = `BENCH_${this.id.toUpperCase()}_`;
  private readonly databases = new Set<string>();

  constructor(
    private readonly serverUrl: string,
    readonly natsUrl: string,
  ) {}

  /** A new, empty database for one purpose of this run; returns its URL. */
  async createDatabase(purpose: string): Promise<string> {
    const name = `liaison_bench_${this.id}_${purpose.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`;
    assertBenchDatabase(name);
    await this.admin((client) => client.query(`CREATE DATABASE "${name}"`));
    this.databases.add(name);
    return this.databaseUrl(name);
  }

  databaseUrl(name: string): string {
    const url = new URL(this.serverUrl);
    url.pathname = `/${name}`;
    return url.toString();
  }

  /** Drops this run's databases and deletes this run's streams; nothing else. */
  async cleanUp(): Promise<void> {
    for (const name of this.databases) {
      assertBenchDatabase(name);
      await this.admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).catch((error: Error) =>
        console.error(`could not drop ${name}: ${error.message}`),
      );
    }
    this.databases.clear();
    const nc = await connect({ servers: this.natsUrl });
    try {
      const jsm = await jetstreamManager(nc);
      for await (const stream of jsm.streams.list()) {
        if (stream.config.name.startsWith(this.streamPrefix)) await jsm.streams.delete(stream.config.name);
      }
    } finally {
      await nc.close();
    }
  }

  describe(): string[] {
    return [...this.databases];
  }

  private async admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: this.databaseUrl('postgres') });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }
}

/**
 * Removes what runs with --keep left: every database named liaison_bench_*, every stream named
 * BENCH_<6 hex>_*, every temporary folder liaison-bench-*. Nothing else matches those names.
 */
export async function removeLeftovers(serverUrl: string, natsUrl: string, log: (line: string) => void): Promise<void> {
  const url = new URL(serverUrl);
  url.pathname = '/postgres';
  const admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'liaison\\_bench\\_%'`);
    for (const { datname } of rows) {
      assertBenchDatabase(datname);
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      log(`dropped database ${datname}`);
    }
  } finally {
    await admin.end();
  }
  const nc = await connect({ servers: natsUrl });
  try {
    const jsm = await jetstreamManager(nc);
    for await (const stream of jsm.streams.list()) {
      if (!/^BENCH_[0-9A-F]{6}_/.test(stream.config.name)) continue;
      await jsm.streams.delete(stream.config.name);
      log(`deleted stream ${stream.config.name}`);
    }
  } finally {
    await nc.close();
  }
  for (const entry of readdirSync(tmpdir())) {
    if (/^liaison-bench-[0-9a-f]{6}$/.test(entry)) {
      rmSync(path.join(tmpdir(), entry), { recursive: true, force: true });
      log(`removed ${path.join(tmpdir(), entry)}`);
    }
  }
}

export function assertBenchDatabase(name: string): void {
  if (!/bench/.test(name)) throw new Error(`Refusing to use database "${name}": a bench database's name contains "bench".`);
}
