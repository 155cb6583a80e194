import type { ExecutionContext } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';

const SWEEP_EVERY_MS = 60_000;

/**
 * The rate limit's counts, kept in the service's database so every replica counts against the
 * same limit: per client and throttler, hits in a fixed window of `ttl` that starts at the
 * client's first hit. A client over its limit is refused (429, Retry-After) until `blockDuration`
 * has passed, then starts a fresh window. Each request costs one statement on one row.
 */
export class SharedRateLimitCounts implements ThrottlerStorage {
  // unref: the sweep never keeps a process alive
  private readonly sweeper = setInterval(() => void this.forgetIdle(), SWEEP_EVERY_MS).unref();

  constructor(private readonly dataSource: DataSource) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string) {
    const now = Date.now();
    const block = blockDuration > 0 ? blockDuration : ttl;
    // A window that is over (and not blocked) starts again; a blocked client's hits are not counted.
    const rows: Array<{ hits: number; ends_at: string; blocked_until: string }> | undefined = await this.dataSource.query(
      `INSERT INTO rate_limit_counts AS count (key, ends_at, hits, blocked_until)
       VALUES ($1, $2 + $3::bigint, 1, CASE WHEN 1 > $4 THEN $2 + $5::bigint ELSE 0 END)
       ON CONFLICT (key) DO UPDATE SET
         ends_at = CASE WHEN $2 >= count.ends_at AND $2 >= count.blocked_until THEN excluded.ends_at ELSE count.ends_at END,
         hits = CASE WHEN $2 >= count.ends_at AND $2 >= count.blocked_until THEN 1
                     WHEN count.blocked_until > $2 THEN count.hits ELSE count.hits + 1 END,
         blocked_until = CASE WHEN $2 >= count.ends_at AND $2 >= count.blocked_until THEN excluded.blocked_until
                              WHEN count.blocked_until > $2 THEN count.blocked_until
                              WHEN count.hits + 1 > $4 THEN $2 + $5::bigint ELSE count.blocked_until END
       RETURNING hits, ends_at, blocked_until`,
      [`${throttlerName}\u0001${key}`, now, ttl, limit, block],
    ).catch(() => undefined);
    // Without its database the count lets requests pass: liveness and metrics still answer, and
    // what needs the database answers its own 503.
    const row = rows?.[0];
    if (!row) return { totalHits: 0, timeToExpire: 0, isBlocked: false, timeToBlockExpire: 0 };
    const blockedUntil = Number(row.blocked_until);
    const isBlocked = blockedUntil > now;
    return {
      totalHits: row.hits,
      timeToExpire: Math.max(0, Math.ceil((Number(row.ends_at) - now) / 1000)),
      isBlocked,
      timeToBlockExpire: isBlocked ? Math.ceil((blockedUntil - now) / 1000) : 0,
    };
  }

  /** Drops the windows that are over; any replica may do it. */
  async forgetIdle(now = Date.now()): Promise<void> {
    if (!this.dataSource.isInitialized) return;
    await this.dataSource
      .query(`DELETE FROM rate_limit_counts WHERE ends_at <= $1 AND blocked_until <= $1`, [now])
      .catch(() => undefined); // a sweep missed during shutdown is done by the next one
  }

  stop(): void {
    clearInterval(this.sweeper);
  }
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
