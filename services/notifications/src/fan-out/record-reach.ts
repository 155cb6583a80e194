import type { EntityManager } from 'typeorm';
import type { LiaisonEvent } from '@liaison/contracts';
import type { EventFacts } from '../events/event-facts';
import { FEED_ORDER_LOCK } from './items-query';
import { queryPrepared } from './prepared-statement';

/**
 * Each classified record's reach as its newest event (by `sequence`) says: one row per record in
 * `record_reach`, written once per batch before its items, replaced only by a newer version (events
 * of one record may arrive in any order). The inbox view, the items' statement and the webhook
 * worker read a record's classified fields from here, so everything follows the record; and, for
 * a record with a parent (`parent_id`: a milestone's programme, a recommendation's dialogue), the
 * parent's row too, so a child also follows its parent.
 *
 * Under the feed-order lock (items-query.ts), taken here if this transaction does not hold it
 * yet: a record's row is only ever locked by its holder, so two replicas' transactions never
 * wait for each other's record rows and lock in opposite orders, and changes of reach follow
 * commit order as items do.
 */
const NOTE_REACH = `
      WITH feed_order AS (
        SELECT pg_advisory_xact_lock(${FEED_ORDER_LOCK}) AS held
      )
      INSERT INTO record_reach AS known (aggregate_id, sequence, classification, origin_organization_id, author_id,
                                         audience_organizations, audience_officers, link, parent_id)
      SELECT DISTINCT ON (e.subject) e.subject, e.sequence, e.classification, e.origin, e.author,
             e.audience_organizations, e.audience_officers, e.link, e.parent
        FROM jsonb_to_recordset($1::jsonb) AS e(subject text, sequence bigint, classification text, origin uuid, author uuid,
                                               audience_organizations uuid[], audience_officers uuid[], link text, parent text)
       CROSS JOIN feed_order
       ORDER BY e.subject, e.sequence DESC
      ON CONFLICT (aggregate_id) DO UPDATE
        SET sequence = EXCLUDED.sequence, classification = EXCLUDED.classification,
            origin_organization_id = EXCLUDED.origin_organization_id, author_id = EXCLUDED.author_id,
            audience_organizations = EXCLUDED.audience_organizations, audience_officers = EXCLUDED.audience_officers,
            link = EXCLUDED.link, parent_id = COALESCE(EXCLUDED.parent_id, known.parent_id), updated_at = now()
        WHERE known.sequence < EXCLUDED.sequence`;

/** Records the reach of every event about a classified record (others have none), in the caller's transaction. */
export async function noteReach(manager: EntityManager, events: ReadonlyArray<{ event: LiaisonEvent; facts: EventFacts }>): Promise<void> {
  const records = events
    .filter(({ facts }) => facts.record)
    .map(({ event, facts: { resource: r, link, parent } }) => ({
      subject: event.subject,
      sequence: versionOf(event),
      classification: r.classification,
      origin: r.originOrganizationId,
      author: r.authorId,
      audience_organizations: r.audience?.organizations ?? [],
      audience_officers: r.audience?.officers ?? [],
      link,
      parent: parent ?? null,
    }));
  if (records.length > 0) await queryPrepared(manager, NOTE_REACH, [JSON.stringify(records)]);
}

/** The aggregate's version the event carries (`sequence`, a string on the wire); 0 when it is not a number. */
function versionOf(event: LiaisonEvent): number {
  const version = Number(event.sequence);
  return Number.isSafeInteger(version) && version >= 0 ? version : 0;
}
