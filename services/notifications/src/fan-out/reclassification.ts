import type { EntityManager } from 'typeorm';
import { recipientVisibilityOver } from '@liaison/auth';
import type { LiaisonEvent } from '@liaison/contracts';
import type { EventFacts } from '../events/event-facts';
import { EVENT_COLUMNS } from './items-query';
import { reachColumns } from './recipient-visibility';
import { contentless, webhookPayload } from './webhook-payload';

/** An endpoint stands for its organization: its own id as the "officer", so no officer grant matches it. */
const PARTNER = { officerId: 'e.id', organizationId: 'e.organization_id' };

/**
 * A reclassification's webhook deliveries, as one statement over the record's reach as it is now
 * (record_reach, noted just before; the reclassification may be older than what is known):
 * - every enabled endpoint that was sent, or is due, anything about the record or one of its
 *   children (a programme's milestones, a dialogue's recommendations; not cancelled) learns of the
 *   change: the event itself if its organization may see the record now, else, if it could see it
 *   before the change ($7, partnersSeeing; NULL for a record not known before), a retraction
 *   without content (it must not keep showing what it may no longer see). One that could not see
 *   it before was told already, by the change that took it away: an update that narrowed the
 *   record before its reclassification arrived, or an earlier narrowing;
 * - an endpoint that asked for the reclassification's type and may see the record gets it too.
 * No one else: lowering a level tells nobody new of the record. $1 event id, $2 type, $3 record,
 * $4 the event's body, $5 the retraction's body, $6 whether the event is a reclassification: an
 * update that narrowed the record (lostSightOnly) sends only the retractions, its own fan-out
 * telling those who still see it. Returns how many deliveries it made.
 */
const RECLASSIFICATION_DELIVERIES = `
      WITH f AS (
        SELECT $1::uuid AS id, $2::text AS type, r.aggregate_id, r.classification, r.origin_organization_id AS origin,
               r.author_id AS author, r.audience_organizations, r.audience_officers, r.link
          FROM record_reach r
         -- a withdrawn brief is seen by no one: a reclassification handled after it tells no one
         WHERE r.aggregate_id = $3 AND r.withdrawn_at IS NULL
      ),
      -- the record and its children (a programme's milestones, a dialogue's recommendations), whose
      -- deliveries follow its reach too
      family AS (
        SELECT $3::text AS aggregate_id
        UNION ALL
        SELECT c.aggregate_id FROM record_reach c WHERE c.parent_id = $3
      ),
      -- by (endpoint, event), the deliveries' unique index: endpoints are few, events about one record fewer
      earlier AS (
        SELECT DISTINCT d.endpoint_id
          FROM family m
          JOIN notification_events ev ON ev.aggregate_id = m.aggregate_id
         CROSS JOIN webhook_endpoints w
          JOIN webhook_deliveries d ON d.endpoint_id = w.id AND d.event_id = ev.event_id
         WHERE ev.event_id <> $1 AND d.status <> 'cancelled'
      ),
      targets AS (
        SELECT e.id AS endpoint_id, f.id AS event_id, f.type,
               ${recipientVisibilityOver(EVENT_COLUMNS, PARTNER)} AS may_see,
               e.id IN (SELECT endpoint_id FROM earlier) AS told_before,
               ($7::uuid[] IS NULL OR e.id = ANY($7::uuid[])) AS saw_before,
               f.type = ANY(e.event_types) AS asked
          FROM f
          JOIN webhook_endpoints e ON e.enabled
      ),
      inserted AS (
        INSERT INTO webhook_deliveries (endpoint_id, event_id, event_type, payload, retraction)
        SELECT t.endpoint_id, t.event_id, t.type, CASE WHEN t.may_see THEN $4::jsonb ELSE $5::jsonb END, NOT t.may_see
          FROM targets t
         WHERE (t.told_before AND t.saw_before AND NOT t.may_see) OR ($6::boolean AND t.may_see AND (t.told_before OR t.asked))
        ON CONFLICT (endpoint_id, event_id) DO NOTHING
        RETURNING event_id
      ),
      -- so that a later withdrawal, or reclassification, finds these deliveries by the record
      known AS (
        INSERT INTO notification_events (event_id, aggregate_id, event_type, link, classification, origin_organization_id,
                                         author_id, audience_organizations, audience_officers)
        SELECT f.id, f.aggregate_id, f.type, f.link, f.classification, f.origin, f.author, f.audience_organizations, f.audience_officers
          FROM f
         WHERE EXISTS (SELECT 1 FROM inserted)
        ON CONFLICT (event_id) DO NOTHING
      )
      SELECT count(*)::int AS n FROM inserted`;

/**
 * The enabled endpoints whose organization may see the record as record_reach holds it (its own
 * reach and its parent's): run before a change of its reach is noted, those that could see it
 * before. No row for a record not known (or withdrawn).
 */
const PARTNERS_SEEING = `
      SELECT ARRAY(
               SELECT e.id FROM webhook_endpoints e
                WHERE e.enabled AND ${recipientVisibilityOver(reachColumns('r'), PARTNER)}
                  AND (p.aggregate_id IS NULL OR ${recipientVisibilityOver(reachColumns('p'), PARTNER)})
             ) AS endpoints
        FROM record_reach r
        LEFT JOIN record_reach p ON p.aggregate_id = r.parent_id
       WHERE r.aggregate_id = $1 AND r.withdrawn_at IS NULL`;

/** The endpoints that may see the record as held now (PARTNERS_SEEING), null where it is not known. */
export async function partnersSeeing(manager: EntityManager, recordId: string): Promise<string[] | null> {
  const [row]: Array<{ endpoints: string[] }> = await manager.query(PARTNERS_SEEING, [recordId]);
  return row?.endpoints ?? null;
}

/** What a partner that may no longer see a record gets of its reclassification: that it changed, where it was, nothing of it. */
export function retraction(event: LiaisonEvent, facts: EventFacts, webOrigin: string): object {
  const body = contentless(event, facts, webOrigin) as { data: object };
  return { ...body, data: { ...body.data, retracted: true } };
}

/**
 * The reclassification's webhook deliveries (RECLASSIFICATION_DELIVERIES), or with `lostSightOnly`
 * those of an update that narrowed the record (the retractions alone); `sawBefore`, the endpoints
 * that could see the record before the change (partnersSeeing). Returns how many.
 */
export async function reclassificationDeliveries(
  manager: EntityManager,
  event: LiaisonEvent,
  facts: EventFacts,
  webOrigin: string,
  { sawBefore, lostSightOnly = false }: { sawBefore: string[] | null; lostSightOnly?: boolean },
): Promise<number> {
  const [row]: Array<{ n: number }> = await manager.query(RECLASSIFICATION_DELIVERIES, [
    event.id,
    event.type,
    event.subject,
    JSON.stringify(webhookPayload(event, facts, webOrigin)),
    JSON.stringify(retraction(event, facts, webOrigin)),
    !lostSightOnly,
    sawBefore,
  ]);
  return row?.n ?? 0;
}
