import { Client } from 'pg';
import { nowMs, sleep } from '../clock';

export const INBOX_POLL_MS = 5;

/**
 * Watches the notifications service's inbox table (`notification_items`) from outside: every
 * `INBOX_POLL_MS` it reads the items committed since the last look, by `position` (assigned in
 * commit order: the fan-out holds a lock from its insert to its commit). All items of one event
 * commit in one transaction, so the first time an event's items are seen is when its last inbox
 * row was committed, give or take one poll.
 */
export class InboxWatch {
  private last = '0';
  private running = false;
  private loop?: Promise<void>;
  private constructor(
    private readonly db: Client,
    private readonly onSeen: (aggregateId: string, rows: number, seenAt: number) => void,
  ) {}

  static async start(databaseUrl: string, onSeen: (aggregateId: string, rows: number, seenAt: number) => void): Promise<InboxWatch> {
    const db = new Client({ connectionString: databaseUrl });
    db.on('error', () => undefined); // a dropped database after a failure: poll() sees it and stops
    await db.connect();
    // Every poll must read only the new rows, through the position index. Left to itself the
    // planner, on statistics older than the load (autovacuum off, or not yet run), chose a
    // parallel scan of the whole table every 5 ms: up to a core of the server, taken from the
    // services being measured (the figures before 2026-11-29T11 include that cost).
    await db.query(`SET enable_seqscan = off`);
    await db.query(`SET max_parallel_workers_per_gather = 0`);
    const watch = new InboxWatch(db, onSeen);
    watch.last = (await db.query<{ p: string | null }>('SELECT max(position)::text AS p FROM notification_items')).rows[0].p ?? '0';
    watch.running = true;
    watch.loop = watch.poll();
    return watch;
  }

  private async poll(): Promise<void> {
    while (this.running) {
      let rows: Array<{ aggregate_id: string; n: number; last: string }>;
      try {
        // Prepared: planned afresh at every poll, this statement cost the server more in planning
        // than in execution (177 ms of plans in a 13 s load, pg_stat_statements).
        ({ rows } = await this.db.query<{ aggregate_id: string; n: number; last: string }>({
          name: 'bench-inbox-watch',
          text: `SELECT aggregate_id, count(*)::int AS n, max(position)::text AS last
                   FROM notification_items WHERE position > $1 GROUP BY aggregate_id`,
          values: [this.last],
        }));
      } catch (error) {
        if (this.running) console.error(`bench: inbox watch stopped: ${(error as Error).message}`);
        this.running = false;
        return;
      }
      const seenAt = nowMs();
      for (const row of rows) {
        this.onSeen(row.aggregate_id, row.n, seenAt);
        if (BigInt(row.last) > BigInt(this.last)) this.last = row.last;
      }
      await sleep(INBOX_POLL_MS);
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    await this.db.end().catch(() => undefined);
  }
}
