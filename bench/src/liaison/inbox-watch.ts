import { OUTBOX_CHANNEL } from '@liaison/messaging';
import { Client } from 'pg';
import { nowMs } from '../clock';

/** A look at the inbox when no commit was announced for this long (see InboxWatch). */
export const INBOX_FALLBACK_POLL_MS = 250;

/**
 * Watches the notifications service's inbox table (`notification_items`) from outside: it reads
 * the items committed since the last look, by id. Item ids are UUIDv7, drawn by the server's
 * clock as each row is inserted, and the fan-out inserts under a lock it holds to its commit, so a
 * transaction's items sort after those of every transaction that committed before it (ties only
 * within one millisecond, which the watch reads again and skips). All items of one event commit
 * in one transaction, so the first time an event's items are seen is when its last inbox row was
 * committed.
 *
 * It looks when a commit is announced, not every few milliseconds: the transaction that writes
 * items also writes their notification.created to the outbox, whose NOTIFY (OUTBOX_CHANNEL) the
 * server delivers at its commit. Polling every few milliseconds would cost the server a check of
 * every row of the fan-out transaction under way (its uncommitted rows are in the index, and each
 * is found invisible), server time taken from the services measured, where the raw pipeline's
 * consumer reports its commits over IPC. A look every INBOX_FALLBACK_POLL_MS
 * anyway keeps it going if a notification is ever missed.
 */
export class InboxWatch {
  /** the millisecond of the newest item seen: the next look reads from it */
  private since = 0;
  /** events already reported that have items in that millisecond (read again by the next look) */
  private atEdge = new Set<string>();
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
    // Every look must read only the new rows, through the index of ids. Left to itself the
    // planner, on statistics older than the load (autovacuum off, or not yet run), can choose a
    // parallel scan of the whole table at every look: server CPU taken from the services being
    // measured.
    await db.query(`SET enable_seqscan = off`);
    await db.query(`SET max_parallel_workers_per_gather = 0`);
    const watch = new InboxWatch(db, onSeen);
    db.on('notification', () => {
      watch.announced = true;
      watch.wake?.();
    });
    await db.query(`LISTEN ${OUTBOX_CHANNEL}`);
    const newest = (await db.query<{ id: string }>('SELECT id::text AS id FROM notification_items ORDER BY id DESC LIMIT 1')).rows[0]?.id;
    if (newest) {
      // what is there before the load is not reported
      watch.since = millisecondOf(newest);
      for (const row of await watch.look()) watch.atEdge.add(row.aggregate_id);
    }
    watch.running = true;
    watch.loop = watch.poll();
    return watch;
  }

  private async poll(): Promise<void> {
    while (this.running) {
      this.announced = false;
      let rows: ItemsByEvent[];
      try {
        rows = await this.look();
      } catch (error) {
        if (this.running) console.error(`bench: inbox watch stopped: ${(error as Error).message}`);
        this.running = false;
        return;
      }
      const seenAt = nowMs();
      const newest = Math.max(this.since, ...rows.map((row) => millisecondOf(row.last)));
      const atEdge = new Set<string>();
      for (const row of rows) {
        if (!this.atEdge.has(row.aggregate_id)) this.onSeen(row.aggregate_id, row.n, seenAt);
        if (millisecondOf(row.last) === newest) atEdge.add(row.aggregate_id);
      }
      if (newest > this.since) this.atEdge = atEdge;
      else for (const id of atEdge) this.atEdge.add(id);
      this.since = newest;
      if (!this.announced) await this.nextAnnouncement();
    }
  }

  /** The items with an id from the millisecond `since` on, by event. */
  private async look(): Promise<ItemsByEvent[]> {
    // Prepared: planned afresh at every look, this statement costs the server more in planning
    // than in execution.
    const { rows } = await this.db.query<ItemsByEvent>({
      name: 'bench-inbox-watch',
      // By event, then its brief (an item's own row has no brief). The brief is looked up per
      // event, not joined: the generic plan of a join hashes every row of notification_events at
      // each look, a cost growing with the run that the harness would put on the Postgres it
      // measures.
      text: `SELECT (SELECT e.aggregate_id FROM notification_events e WHERE e.event_id = x.event_id) AS aggregate_id, x.n, x.last
               FROM (SELECT event_id, count(*)::int AS n, max(id::text COLLATE "C") AS last
                       FROM notification_items WHERE id >= $1::uuid GROUP BY event_id) x`,
      values: [firstIdOf(this.since)],
    });
    return rows;
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

interface ItemsByEvent {
  aggregate_id: string;
  n: number;
  /** the event's newest item id */
  last: string;
}

/** The millisecond a UUIDv7 was drawn in: its first 48 bits. */
function millisecondOf(id: string): number {
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

/** The smallest UUID of millisecond `ms`: every UUIDv7 drawn in it or later sorts at or above it. */
function firstIdOf(ms: number): string {
  const hex = ms.toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8)}-0000-0000-000000000000`;
}
