import { Client } from 'pg';

/**
 * Tables that record requests rather than data: the rate limit's counts, failed logins (which a
 * rejected login must write), the inbox of consumed events and the migrations.
 */
const NOT_DATA = new Set(['migrations', 'rate_limit_counts', 'login_failures', 'inbox', 'idempotency_keys']);

/** Row counts of a service's tables, outbox and audit log included: what a rejected request must not change. */
export class Footprint {
  private constructor(
    private readonly client: Client,
    private readonly query: string,
    readonly tables: string[],
  ) {}

  static async of(databaseUrl: string): Promise<Footprint> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
    );
    const tables = rows.map((row) => row.name).filter((name) => !NOT_DATA.has(name));
    const query = `SELECT ${tables.map((name) => `(SELECT count(*) FROM "${name}")::int AS "${name}"`).join(', ')}`;
    return new Footprint(client, query, tables);
  }

  async take(): Promise<Record<string, number>> {
    return (await this.client.query(this.query)).rows[0];
  }

  /** Waits until nothing changes for `stillMs` (events from other services settle), up to `maxMs`. */
  async quiet(stillMs = 300, maxMs = 10_000): Promise<Record<string, number>> {
    const until = Date.now() + maxMs;
    let last = await this.take();
    while (Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, stillMs));
      const now = await this.take();
      if (differences(last, now).length === 0) return now;
      last = now;
    }
    return last;
  }

  close(): Promise<void> {
    return this.client.end();
  }
}

/** `officers +1`: the tables whose counts differ. */
export function differences(before: Record<string, number>, after: Record<string, number>): string[] {
  return Object.keys(after)
    .filter((table) => after[table] !== before[table])
    .map((table) => `${table} ${after[table] - before[table] > 0 ? '+' : ''}${after[table] - before[table]}`);
}
