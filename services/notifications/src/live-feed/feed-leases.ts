import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { newUuidV7 } from '@liaison/contracts';

/** How long a lease lasts unless renewed: three renewals may be missed before it lapses. */
export const FEED_LEASE_SECONDS = 45;

/**
 * The live feeds open for each officer across every replica, kept in the service's database: a
 * feed takes a lease when it opens, renews it while it is open and gives it back when it closes.
 * A replica that dies leaves leases that lapse by themselves.
 */
@Injectable()
export class FeedLeases {
  private readonly releasing = new Set<Promise<unknown>>();

  constructor(private readonly dataSource: DataSource) {}

  /** A lease for one more feed of the officer, or null when `max` are open already. */
  async acquire(officerId: string, max: number): Promise<string | null> {
    return this.dataSource.transaction(async (manager) => {
      // one officer's leases are counted and taken one request at a time, on every replica
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('live-feed:' || $1, 0))`, [officerId]);
      await manager.query(`DELETE FROM live_feeds WHERE officer_id = $1 AND expires_at <= now()`, [officerId]);
      const [{ open }] = await manager.query(`SELECT count(*)::int AS open FROM live_feeds WHERE officer_id = $1`, [officerId]);
      if (open >= max) return null;
      const id = newUuidV7();
      await manager.query(`INSERT INTO live_feeds (id, officer_id, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))`, [id, officerId, FEED_LEASE_SECONDS]);
      return id;
    });
  }

  async renew(lease: string): Promise<void> {
    await this.dataSource.query(`UPDATE live_feeds SET expires_at = now() + make_interval(secs => $2) WHERE id = $1`, [lease, FEED_LEASE_SECONDS]);
  }

  /** Gives the lease back; never fails (a lease not given back lapses). */
  release(lease: string): void {
    const releasing = this.dataSource.query(`DELETE FROM live_feeds WHERE id = $1`, [lease]).catch(() => undefined);
    this.releasing.add(releasing);
    void releasing.finally(() => this.releasing.delete(releasing));
  }

  /** Resolves when the leases being given back are gone (before the database closes). */
  async settled(): Promise<void> {
    await Promise.all([...this.releasing]);
  }
}
