import { randomBytes } from 'node:crypto';
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

export function assertBenchDatabase(name: string): void {
  if (!/bench/.test(name)) throw new Error(`Refusing to use database "${name}": a bench database's name contains "bench".`);
}
