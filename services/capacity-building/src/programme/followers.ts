import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { recipientVisibilityOver, type VisibilityColumns } from '@liaison/auth';
import { visibilityColumns } from '@liaison/kit';

/**
 * SQL condition: follower row `f` (programme_followers), whose officer is row `o` of the registry
 * read model, may see now the programme whose reach is in `programme`: the classification rule,
 * with the officer's organization as the registry holds it (a move counts at once, and an
 * officer who left sees nothing).
 */
export function followerSees(programme: VisibilityColumns): string {
  return `NOT o."left" AND ${recipientVisibilityOver(programme, { officerId: 'f.officer_id', organizationId: 'o.organization_id' })}`;
}

/** The following rows `f` of programme $1 whose officer (`o`) may see it (`p`) now; ends in its WHERE, so more conditions follow with AND. */
const FOLLOWING_IN_SIGHT = `programme_followers f
  JOIN programmes p ON p.id = f.programme_id
  JOIN registry_officers o ON o.id = f.officer_id
 WHERE f.programme_id = $1 AND f.following AND ${followerSees(visibilityColumns('p'))}`;

/**
 * Officers who follow a programme, as on a tracker: whoever takes part (launches it, plans,
 * reschedules or completes one of its milestones) follows it, and is named in the `followers` of
 * its events so that notifications tells them without a subscription. Unfollowing keeps the row
 * (`following` false); taking part again follows again.
 *
 * Only followers who may see the programme now are listed or named: one whose organization lost
 * sight of it (its classification raised, its audience narrowed, the officer moved) keeps the
 * follow, which applies again once they may see it again; it is not undone by the narrowing.
 */
@Injectable()
export class Followers {
  constructor(private readonly dataSource: DataSource) {}

  /** In the write's transaction: the officer follows (again). */
  async follow(manager: EntityManager, programmeId: string, officerId: string): Promise<void> {
    await manager.query(
      `INSERT INTO programme_followers (programme_id, officer_id, following) VALUES ($1, $2, true)
       ON CONFLICT (programme_id, officer_id) DO UPDATE SET following = true, since = CASE WHEN programme_followers.following THEN programme_followers.since ELSE now() END`,
      [programmeId, officerId],
    );
  }

  async unfollow(manager: EntityManager, programmeId: string, officerId: string): Promise<void> {
    await manager.query(`UPDATE programme_followers SET following = false WHERE programme_id = $1 AND officer_id = $2`, [programmeId, officerId]);
  }

  /** Who follows and may see it, oldest first. */
  async of(programmeId: string, manager: EntityManager = this.dataSource.manager): Promise<Array<{ officerId: string; since: Date }>> {
    const rows: Array<{ officer_id: string; since: Date }> = await manager.query(
      `SELECT f.officer_id, f.since FROM ${FOLLOWING_IN_SIGHT} ORDER BY f.since, f.officer_id`,
      [programmeId],
    );
    return rows.map((row) => ({ officerId: row.officer_id, since: row.since }));
  }

  /**
   * The followers an event names: everyone following who may see the programme as the change
   * leaves it, but the officer who made the change (they know), read in the change's transaction.
   */
  async toTell(manager: EntityManager, programmeId: string, actorId: string | null): Promise<string[]> {
    const rows: Array<{ officer_id: string }> = await manager.query(
      `SELECT f.officer_id FROM ${FOLLOWING_IN_SIGHT} AND f.officer_id IS DISTINCT FROM $2 ORDER BY f.officer_id`,
      [programmeId, actorId],
    );
    return rows.map((row) => row.officer_id);
  }

  /** Which of these programmes the officer follows. */
  async followedBy(officerId: string, programmeIds: string[], manager: EntityManager = this.dataSource.manager): Promise<Set<string>> {
    if (programmeIds.length === 0) return new Set();
    const rows: Array<{ programme_id: string }> = await manager.query(
      `SELECT programme_id FROM programme_followers WHERE officer_id = $1 AND following AND programme_id = ANY($2::uuid[])`,
      [officerId, programmeIds],
    );
    return new Set(rows.map((row) => row.programme_id));
  }
}
