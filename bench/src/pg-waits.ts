import { Client } from 'pg';

/** Where the sessions of one database were, as a share of the samples: active on CPU, waiting on a lock, on I/O … */
export type WaitProfile = Record<string, Record<string, number>>;

/**
 * Samples `pg_stat_activity` of this run's databases every `intervalMs` during a window: a
 * service that is idle in the profile while its requests are slow is waiting on the database,
 * and this says on what (WALWrite/WalSync: commits waiting on fsync; Lock/advisory: a lock
 * taken in turn; ClientRead: Postgres waiting on the service).
 */
export class WaitSampler {
  private timer?: NodeJS.Timeout;
  private counts = new Map<string, Map<string, number>>();
  private samples = 0;
  private busy?: Promise<void>;
  private closed = false;

  private constructor(
    private readonly client: Client,
    private readonly prefix: string,
    private readonly intervalMs: number,
  ) {}

  static async open(adminUrl: string, prefix: string, intervalMs = 50): Promise<WaitSampler> {
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    const sampler = new WaitSampler(client, prefix, intervalMs);
    sampler.timer = setInterval(() => {
      if (!sampler.busy && !sampler.closed) sampler.busy = sampler.sample().finally(() => (sampler.busy = undefined));
    }, intervalMs);
    return sampler;
  }

  private async sample(): Promise<void> {
    try {
      // Prepared, so the server plans it once rather than at each of ~20 samples a second.
      const { rows } = await this.client.query<{ db: string; what: string; n: number }>({
        name: 'bench-wait-sample',
        text: `SELECT datname AS db,
                CASE WHEN state = 'active' AND wait_event IS NULL THEN 'active (CPU)'
                     WHEN state = 'active' THEN wait_event_type || ':' || wait_event
                     ELSE coalesce(state, 'no state') || coalesce(' ' || wait_event_type || ':' || wait_event, '') END AS what,
                count(*)::int AS n
           FROM pg_stat_activity
          WHERE datname LIKE $1 AND pid <> pg_backend_pid()
          GROUP BY 1, 2`,
        values: [`${this.prefix}%`],
      });
      this.samples++;
      for (const row of rows) {
        const db = row.db.slice(this.prefix.length);
        const map = this.counts.get(db) ?? new Map<string, number>();
        map.set(row.what, (map.get(row.what) ?? 0) + row.n);
        this.counts.set(db, map);
      }
    } catch (error) {
      if (!this.closed) console.error(`bench: pg_stat_activity sample failed: ${(error as Error).message}`);
    }
  }

  /** Average number of sessions in each state per database, busiest first; idle sessions left out. */
  async close(): Promise<WaitProfile> {
    this.closed = true;
    clearInterval(this.timer);
    await this.busy;
    await this.client.end();
    const profile: WaitProfile = {};
    for (const [db, map] of this.counts) {
      const entries = [...map.entries()]
        .filter(([what]) => what !== 'idle' && !what.startsWith('idle Client'))
        .sort((a, b) => b[1] - a[1])
        .map(([what, n]) => [what, Math.round((n / Math.max(1, this.samples)) * 100) / 100] as const);
      profile[db] = Object.fromEntries(entries);
    }
    return profile;
  }
}
