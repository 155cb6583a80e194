import { Injectable } from '@nestjs/common';
import { type ClassifiedResource, recipientVisibilityOver } from '@liaison/auth';
import { DataSource, type EntityManager } from 'typeorm';
import { FEED_ORDER_LOCK } from '../fan-out/items-query';
import { reachColumns } from '../fan-out/recipient-visibility';

/** What a feed is told of a record that changed under it: which record, nothing of it. */
export interface RecordSignal {
  position: string;
  kind: string;
  id: string;
}

/** How long a signal is kept for a feed to read it: a feed that opens later reads the record afresh anyway. */
const KEPT = `interval '10 minutes'`;

const WATCHER = { officerId: 'o.id', organizationId: 'o.organization_id' };

/**
 * A signal for every officer with an open live feed (on any replica) who may see the record as
 * record_reach holds it: run before the change is noted there, that is who could see it before.
 * Where the reach it changes to is given ($3…$7, `narrowed`), only those it leaves out: an update
 * that narrowed the record tells those who still see it by its items.
 * $1 record id, $2 its kind. Under the feed-order lock, so positions follow commit order.
 */
const SIGNAL_WATCHERS = `
      WITH feed_order AS (
        SELECT pg_advisory_xact_lock(${FEED_ORDER_LOCK}) AS held
      ),
      pruned AS (
        DELETE FROM live_signals WHERE created_at < now() - ${KEPT}
      ),
      narrowed AS (
        SELECT $3::text AS classification, $4::uuid AS origin_organization_id, $5::uuid AS author_id,
               $6::uuid[] AS audience_organizations, $7::uuid[] AS audience_officers
      ),
      watchers AS (
        SELECT DISTINCT o.id
          FROM record_reach r
          LEFT JOIN record_reach p ON p.aggregate_id = r.parent_id
          JOIN live_feeds l ON l.expires_at > now()
          JOIN registry_officers o ON o.id = l.officer_id AND NOT o."left"
         CROSS JOIN feed_order
         CROSS JOIN narrowed a
         -- a withdrawn record is seen by no one: nobody could see it before
         WHERE r.aggregate_id = $1 AND r.withdrawn_at IS NULL
           AND ${recipientVisibilityOver(reachColumns('r'), WATCHER)}
           AND (p.aggregate_id IS NULL OR ${recipientVisibilityOver(reachColumns('p'), WATCHER)})
           AND (a.classification IS NULL OR NOT ${recipientVisibilityOver(reachColumns('a'), WATCHER)})
      )
      INSERT INTO live_signals (officer_id, kind, record_id)
      SELECT id, $2, $1 FROM watchers
      RETURNING officer_id`;

/**
 * Tells the open live feeds of those who could see a record that it was reclassified or
 * withdrawn (in the fan-out's transaction, before its reach changes); with `narrowedTo`, the reach
 * an update gave it, only those who cannot see it any more. Returns the officers to nudge after
 * the commit. An officer who never could see the record is told nothing.
 */
export async function signalWatchers(manager: EntityManager, kind: string, recordId: string, narrowedTo?: ClassifiedResource): Promise<string[]> {
  const rows: Array<{ officer_id: string }> = await manager.query(SIGNAL_WATCHERS, [
    recordId,
    kind,
    narrowedTo?.classification ?? null,
    narrowedTo?.originOrganizationId ?? null,
    narrowedTo?.authorId ?? null,
    narrowedTo?.audience?.organizations ?? [],
    narrowedTo?.audience?.officers ?? [],
  ]);
  return rows.map((row) => row.officer_id);
}

/** The signals a live feed reads: from where it starts, then after the last one it wrote. */
@Injectable()
export class RecordSignals {
  constructor(private readonly dataSource: DataSource) {}

  /** Where a feed opened now starts: after the officer's latest signal. */
  async latest(officerId: string): Promise<string> {
    const [row] = await this.dataSource.query(`SELECT COALESCE(max(position), 0) AS position FROM live_signals WHERE officer_id = $1`, [officerId]);
    return String(row.position);
  }

  async after(officerId: string, position: string, limit = 100): Promise<RecordSignal[]> {
    const rows: Array<{ position: string; kind: string; record_id: string }> = await this.dataSource.query(
      `SELECT position, kind, record_id FROM live_signals WHERE officer_id = $1 AND position > $2 ORDER BY position LIMIT $3`,
      [officerId, position, limit],
    );
    return rows.map((row) => ({ position: String(row.position), kind: row.kind, id: row.record_id }));
  }
}
