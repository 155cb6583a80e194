import type { EntityManager } from 'typeorm';
import type { LiaisonEvent } from '@liaison/contracts';
import type { EventFacts } from '../events/event-facts';
import { webhookDeliveries } from './items-query';
import { withdrawalNotice } from './webhook-payload';

/**
 * brief.withdrawn: its items leave inboxes, and what was not sent yet is not sent. Items and
 * webhook deliveries are found through the events about the brief (notification_events), by
 * their own unique indexes, not by a scan of the delivery log for the event's subject. The
 * record is marked withdrawn (its row was noted just before), so an event about it that arrives
 * later makes nothing (ITEMS_QUERY).
 */
export async function retract(manager: EntityManager, aggregateId: string): Promise<void> {
  await manager.query(`UPDATE record_reach SET withdrawn_at = COALESCE(withdrawn_at, now()) WHERE aggregate_id = $1`, [aggregateId]);
  await manager.query(
    `WITH gone AS (
       UPDATE notification_items SET withdrawn_at = now()
        WHERE event_id IN (SELECT event_id FROM notification_events WHERE aggregate_id = $1) AND withdrawn_at IS NULL
        RETURNING id
     )
     UPDATE email_deliveries SET status = 'cancelled', locked_until = NULL
      WHERE item_id IN (SELECT id FROM gone) AND status IN ('pending', 'sending')`,
    [aggregateId],
  );
  // by (endpoint, event), the deliveries' unique index: endpoints are few, events about one brief fewer
  await manager.query(
    `UPDATE webhook_deliveries d SET status = 'cancelled', updated_at = now()
       FROM notification_events ev, webhook_endpoints e
      WHERE ev.aggregate_id = $1 AND d.endpoint_id = e.id AND d.event_id = ev.event_id AND d.status IN ('pending', 'sending')`,
    [aggregateId],
  );
}

/** A withdrawal's webhook deliveries: the event's fields as parameters ($1…$7, see webhookDeliveries), $8 the body. */
const WITHDRAWAL_DELIVERIES = `
      WITH withdrawal AS (
        SELECT $1::uuid AS id, $2::text AS type, $3::text AS classification, $4::uuid AS origin, $5::uuid AS author,
               $6::uuid[] AS audience_organizations, $7::uuid[] AS audience_officers,
               -- its own deliveries tell of the withdrawal; a brief has no parent record
               false AS withdrawn, NULL::text AS parent_classification, NULL::uuid AS parent_origin, NULL::uuid AS parent_author,
               NULL::uuid[] AS parent_audience_organizations, NULL::uuid[] AS parent_audience_officers
      )
      ${webhookDeliveries('withdrawal', '$8::jsonb')}`;

/** brief.withdrawn has no items: its webhook deliveries (withdrawalNotice) are a statement of their own. Returns how many. */
export async function withdrawalDeliveries(manager: EntityManager, event: LiaisonEvent, facts: EventFacts, webOrigin: string): Promise<number> {
  const r = facts.resource;
  const inserted: unknown[] = await manager.query(WITHDRAWAL_DELIVERIES, [
    event.id,
    event.type,
    r.classification,
    r.originOrganizationId,
    r.authorId,
    r.audience?.organizations ?? [],
    r.audience?.officers ?? [],
    JSON.stringify(withdrawalNotice(event, facts, webOrigin)),
  ]);
  return inserted.length;
}

/**
 * officer.left: their subscriptions are dropped and nothing waiting is sent to them. The
 * preferences row stays, so the default subscription does not come back.
 */
export async function forget(manager: EntityManager, officerId: string): Promise<void> {
  await manager.query(`DELETE FROM subscriptions WHERE officer_id = $1`, [officerId]);
  await manager.query(`INSERT INTO notification_preferences (officer_id) VALUES ($1) ON CONFLICT DO NOTHING`, [officerId]);
  await manager.query(
    `UPDATE email_deliveries SET status = 'cancelled', locked_until = NULL, last_error = 'the officer left'
      WHERE officer_id = $1 AND status = 'pending'`,
    [officerId],
  );
}
