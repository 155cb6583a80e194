import type { ExecutionContext } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';

const SWEEP_EVERY_MS = 60_000;
/** A limit at most this high is counted by one statement per request: a login's 10 a minute must be exact. */
export const EXACT_LIMIT_UP_TO = 100;
/** How often a replica adds its hits under a high limit to the shared counts. */
const FLUSH_EVERY_MS = 100;

interface RateLimitResult {
  totalHits: number;
  timeToExpire: number;
  isBlocked: boolean;
  timeToBlockExpire: number;
}

/** A count as the database last answered it, with the hits this replica added since. */
interface Count {
  hits: number;
  endsAt: number;
  blockedUntil: number;
  pending: number;
  ttl: number;
  limit: number;
  block: number;
}

/** The counting rule for many keys at once, each with the hits a replica adds (one hit: an exact count). */
const ADD_HITS = `
  WITH c AS MATERIALIZED (
    SELECT * FROM jsonb_to_recordset($2::jsonb) AS c(key text, hits int, ttl bigint, "limit" int, block bigint)
  )
  INSERT INTO rate_limit_counts AS count (key, ends_at, hits, blocked_until)
  SELECT c.key, $1 + c.ttl, c.hits, CASE WHEN c.hits > c."limit" THEN $1 + c.block ELSE 0 END
    FROM c ORDER BY c.key
  ON CONFLICT (key) DO UPDATE SET
    ends_at = CASE WHEN $1 >= count.ends_at AND $1 >= count.blocked_until THEN excluded.ends_at ELSE count.ends_at END,
    hits = CASE WHEN $1 >= count.ends_at AND $1 >= count.blocked_until THEN excluded.hits
                WHEN count.blocked_until > $1 THEN count.hits ELSE count.hits + excluded.hits END,
    blocked_until = CASE WHEN $1 >= count.ends_at AND $1 >= count.blocked_until THEN excluded.blocked_until
                         WHEN count.blocked_until > $1 THEN count.blocked_until
                         ELSE (SELECT CASE WHEN count.hits + excluded.hits > c."limit" THEN $1 + c.block ELSE count.blocked_until END
                                 FROM c WHERE c.key = count.key)
                    END
  RETURNING key, hits, ends_at, blocked_until`;

/**
 * The rate limit's counts, kept in the service's database so every replica counts against the
 * same limit: per client and throttler, hits in a fixed window of `ttl` that starts at the
 * client's first hit. A client over its limit is refused (429, Retry-After) until `blockDuration`
 * has passed, then starts a fresh window.
 *
 * A low limit (a login's) costs one statement per request, so it is exact across replicas. Under a
 * high limit each replica decides on the shared count it last read plus its own hits since, and
 * adds its hits to the database every FLUSH_EVERY_MS in one statement: a busy client would
 * otherwise queue every request on one row, and the replicas together may let through at most
 * what they see in one flush interval beyond the limit.
 */
export class SharedRateLimitCounts implements ThrottlerStorage {
  private readonly counts = new Map<string, Count>();
  private flushing: Promise<void> = Promise.resolve();
  // unref: neither timer ever keeps a process alive
  private readonly sweeper = setInterval(() => void this.forgetIdle(), SWEEP_EVERY_MS).unref();
  private readonly flusher = setInterval(() => void this.flush(), FLUSH_EVERY_MS).unref();

  constructor(private readonly dataSource: DataSource) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<RateLimitResult> {
    const now = Date.now();
    const block = blockDuration > 0 ? blockDuration : ttl;
    const id = `${throttlerName}\u0001${key}`;
    if (limit <= EXACT_LIMIT_UP_TO) return this.countExactly(id, now, ttl, limit, block);

    let count = this.counts.get(id);
    if (!count || (now >= count.endsAt && now >= count.blockedUntil)) {
      count = { hits: 0, endsAt: now + ttl, blockedUntil: 0, pending: count?.pending ?? 0, ttl, limit, block };
      this.counts.set(id, count);
    }
    if (count.blockedUntil > now) return blocked(count.hits + count.pending, count.blockedUntil, now);
    count.pending++;
    const hits = count.hits + count.pending;
    if (hits > limit) {
      count.blockedUntil = now + block;
      return blocked(hits, count.blockedUntil, now);
    }
    return { totalHits: hits, timeToExpire: Math.max(0, Math.ceil((count.endsAt - now) / 1000)), isBlocked: false, timeToBlockExpire: 0 };
  }

  /** Adds this replica's pending hits to the shared counts and takes the totals back; one at a time. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.addPendingHits());
    return this.flushing;
  }

  /** Drops the windows that are over; any replica may do it. */
  async forgetIdle(now = Date.now()): Promise<void> {
    if (!this.dataSource.isInitialized) return;
    await this.flush();
    for (const [id, count] of this.counts) if (count.pending === 0 && now >= count.endsAt && now >= count.blockedUntil) this.counts.delete(id);
    await this.dataSource
      .query(`DELETE FROM rate_limit_counts WHERE ends_at <= $1 AND blocked_until <= $1`, [now])
      .catch(() => undefined); // a sweep missed during shutdown is done by the next one
  }

  stop(): void {
    clearInterval(this.sweeper);
    clearInterval(this.flusher);
  }

  private async countExactly(id: string, now: number, ttl: number, limit: number, block: number): Promise<RateLimitResult> {
    const rows: Array<{ hits: number; ends_at: string; blocked_until: string }> | undefined = await this.dataSource
      .query(ADD_HITS, [now, JSON.stringify([{ key: id, hits: 1, ttl, limit, block }])])
      .catch(() => undefined);
    // Without its database the count lets requests pass: liveness and metrics still answer, and
    // what needs the database answers its own 503.
    const row = rows?.[0];
    if (!row) return { totalHits: 0, timeToExpire: 0, isBlocked: false, timeToBlockExpire: 0 };
    const blockedUntil = Number(row.blocked_until);
    if (blockedUntil > now) return blocked(row.hits, blockedUntil, now);
    return { totalHits: row.hits, timeToExpire: Math.max(0, Math.ceil((Number(row.ends_at) - now) / 1000)), isBlocked: false, timeToBlockExpire: 0 };
  }

  private async addPendingHits(): Promise<void> {
    const batch = [...this.counts].filter(([, count]) => count.pending > 0);
    if (batch.length === 0 || !this.dataSource.isInitialized) return;
    const sent = new Map(batch.map(([id, count]) => [id, count.pending]));
    const rows: Array<{ key: string; hits: number; ends_at: string; blocked_until: string }> | undefined = await this.dataSource
      .query(ADD_HITS, [Date.now(), JSON.stringify(batch.map(([id, c]) => ({ key: id, hits: c.pending, ttl: c.ttl, limit: c.limit, block: c.block })))])
      .catch(() => undefined);
    if (!rows) return; // kept pending: the next flush adds them
    for (const row of rows) {
      const count = this.counts.get(row.key);
      if (!count) continue;
      count.pending -= sent.get(row.key) ?? 0;
      count.hits = row.hits;
      count.endsAt = Number(row.ends_at);
      count.blockedUntil = Math.max(count.blockedUntil, Number(row.blocked_until));
    }
  }
}

function blocked(totalHits: number, blockedUntil: number, now: number): RateLimitResult {
  return { totalHits, timeToExpire: 0, isBlocked: true, timeToBlockExpire: Math.ceil((blockedUntil - now) / 1000) };
}

/**
 * Counts are short-lived and rebuilt by the next requests, so the table is unlogged (no WAL, not
 * replicated): after a database crash every client starts a fresh window. Times are epoch
 * milliseconds.
 */
export class CreateRateLimitCounts1764380000001 implements MigrationInterface {
  name = 'CreateRateLimitCounts1764380000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE UNLOGGED TABLE rate_limit_counts (
        key text PRIMARY KEY,
        ends_at bigint NOT NULL,
        hits int NOT NULL,
        blocked_until bigint NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE rate_limit_counts`);
  }
}

/**
 * The key of a client's count for a route: the throttler's own key, without the SHA-256 it puts
 * it through (the tracker is an address, so keys stay short).
 */
export function rateLimitKey(context: ExecutionContext, tracker: string, throttlerName: string): string {
  return `${context.getClass().name}-${context.getHandler().name}-${throttlerName}-${tracker}`;
}
