import type { EntityManager } from 'typeorm';
import type { ClassifiedResource } from '@liaison/auth';
import type { LiaisonEvent } from '@liaison/contracts';
import { sameIds } from '@liaison/kit';
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

/** A record's reach as `record_reach` holds it, for comparing with what an event says. */
const HELD_REACH = `
      WITH feed_order AS (
        SELECT pg_advisory_xact_lock(${FEED_ORDER_LOCK}) AS held
      )
      SELECT r.aggregate_id, r.sequence, r.classification, r.origin_organization_id, r.author_id, r.audience_organizations, r.audience_officers
        FROM record_reach r
       CROSS JOIN feed_order
       WHERE r.aggregate_id = ANY($1::text[]) AND r.withdrawn_at IS NULL`;

interface HeldReach {
  aggregate_id: string;
  sequence: string;
  classification: string;
  origin_organization_id: string;
  author_id: string;
  audience_organizations: string[];
  audience_officers: string[];
}

/**
 * Of a batch's events, those that change a record's reach as `record_reach` holds it, read before
 * noteReach: per record, the newest event newer than what is held, where its classification,
 * origin, author or audience differ (an update that carries the reach, `dialogue.rescheduled`
 * without a participant, counts as a reclassification). A record first known now, or withdrawn,
 * changes nothing. Under the feed-order lock, as noteReach, so no other transaction changes the
 * rows between this read and the note.
 */
export async function reachChanges<T extends { event: LiaisonEvent; facts: EventFacts }>(manager: EntityManager, events: readonly T[]): Promise<T[]> {
  const newest = new Map<string, T>();
  for (const entry of events) {
    // a first version has nothing before it: no read for a batch of new records
    if (!entry.facts.record || versionOf(entry.event) <= 1) continue;
    const known = newest.get(entry.event.subject);
    if (!known || versionOf(known.event) < versionOf(entry.event)) newest.set(entry.event.subject, entry);
  }
  if (newest.size === 0) return [];
  const held: HeldReach[] = await manager.query(HELD_REACH, [[...newest.keys()]]);
  return held.flatMap((row) => {
    const entry = newest.get(row.aggregate_id)!;
    return Number(row.sequence) < versionOf(entry.event) && !sameReach(row, entry.facts.resource) ? [entry] : [];
  });
}

function sameReach(held: HeldReach, now: ClassifiedResource): boolean {
  return (
    held.classification === now.classification &&
    held.origin_organization_id === now.originOrganizationId.toLowerCase() &&
    held.author_id === now.authorId.toLowerCase() &&
    sameIds(held.audience_organizations, now.audience?.organizations ?? []) &&
    sameIds(held.audience_officers, now.audience?.officers ?? [])
  );
}

/** The aggregate's version the event carries (`sequence`, a string on the wire); 0 when it is not a number. */
function versionOf(event: LiaisonEvent): number {
  const version = Number(event.sequence);
  return Number.isSafeInteger(version) && version >= 0 ? version : 0;
}
