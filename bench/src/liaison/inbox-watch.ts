import { OUTBOX_CHANNEL } from '@liaison/messaging';
import { Client } from 'pg';
import { nowMs } from '../clock';

/** A look at the inbox when no commit was announced for this long (see InboxWatch). */
export const INBOX_FALLBACK_POLL_MS = 250;

/**
 * Watches the notifications service's inbox table (`notification_items`) from outside: it reads
 * the items committed since the last look, by `position` (assigned in commit order: the fan-out
 * holds a lock from its insert to its commit). All items of one event commit in one transaction,
 * so the first time an event's items are seen is when its last inbox row was committed.
 *
 * It looks when a commit is announced, not every few milliseconds: the transaction that writes
 * items also writes their notification.created to the outbox, whose NOTIFY (OUTBOX_CHANNEL) the
 * server delivers at its commit. Polling every 5 ms, as the watch did until 2026-11-29T21, cost
 * the server ~1 µs for every row of the fan-out transaction under way (its uncommitted rows are
 * in the position index, and each is checked and found invisible): in the fan-out series, ~3 ms a
 * poll, half a core of the two taken from the services being measured, where the raw pipeline's
 * consumer reports its commits over IPC. A look every INBOX_FALLBACK_POLL_MS anyway keeps it
 * going if a notification is ever missed.
 */
export class InboxWatch {
  private last = '0';
  private running = false;
  private loop?: Promise<void>;
  /** a commit was announced since the last look began */
  private announced = false;
  private wake?: () => void;
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
    // parallel scan of the whole table at every poll: up to a core of the server, taken from the
    // services being measured (the figures before 2026-11-29T11 include that cost).
    await db.query(`SET enable_seqscan = off`);
    await db.query(`SET max_parallel_workers_per_gather = 0`);
    const watch = new InboxWatch(db, onSeen);
    db.on('notification', () => {
      watch.announced = true;
      watch.wake?.();
    });
    await db.query(`LISTEN ${OUTBOX_CHANNEL}`);
    watch.last = (await db.query<{ p: string | null }>('SELECT max(position)::text AS p FROM notification_items')).rows[0].p ?? '0';
    watch.running = true;
    watch.loop = watch.poll();
    return watch;
  }

  private async poll(): Promise<void> {
    while (this.running) {
      this.announced = false;
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
      if (!this.announced) await this.nextAnnouncement();
    }
  }

  /** Until a commit is announced, the watch stops, or INBOX_FALLBACK_POLL_MS pass. */
  private nextAnnouncement(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, INBOX_FALLBACK_POLL_MS);
      this.wake = done;
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.db.end().catch(() => undefined);
  }
}
