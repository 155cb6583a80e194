import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  BriefWithdrawnEvent,
  OfficerLeftEvent,
  type Classification,
  createEvent,
  type LiaisonEvent,
  type Language,
  NotificationCreatedEvent,
  NotificationsCreatedEvent,
} from '@liaison/contracts';
import type { InboxTransaction } from '@liaison/messaging';
import { NotificationsConfig } from '../config';
import { type EventFacts, factsOf } from '../events/event-facts';
import { renderAll } from '../messages/render';
import { queryPrepared } from './prepared-statement';
import { recipientVisibility } from './recipient-visibility';

/**
 * Held from the items' insert to the commit, so `position` follows commit order (the live feed
 * reads in it). Taken inside the items' statement (itemsQuery), before any position is drawn.
 */
export const FEED_ORDER_LOCK = 7_310_405;

/** Levels whose content never leaves in e-mails or webhooks: only a link does. */
export const CONTENTLESS: ReadonlySet<Classification> = new Set(['amber-strict', 'red']);

export interface FannedOut {
  /** officers who got a new in-app item: their live feeds are nudged after the commit */
  inAppOfficers: string[];
  items: number;
  emails: number;
  webhooks: number;
}

interface InsertedItem {
  id: string;
  officer_id: string;
  language: string;
  title: string;
  summary: string;
  in_app: boolean;
  email: 'immediate' | 'daily' | 'none';
}

/** The one row the items' statement returns. */
interface ItemsOutcome {
  /** the origin's acronym in the registry, as this statement read it */
  origin: string;
  items: InsertedItem[];
  webhooks: number;
}

/** $1…$19 of itemsQuery (listed in insertItems); the visibility predicates' parameters follow. */
const ITEMS_PARAMS = 19;
/** Origins whose acronym was learned; past this many the hints start over (they are only hints). */
const MAX_ACRONYM_HINTS = 10_000;
/** Runs of the items' statement per event when the origin's acronym keeps changing under it. */
const MAX_ITEMS_RUNS = 3;

/**
 * One event to every entitled, subscribed officer, as set operations inside the inbox's
 * transaction. Round trips are what a fan-out costs on this service's machines (each statement
 * is a socket write on both sides), so an event takes two statements (and its transaction one
 * SET LOCAL, see queryPrepared, whatever the number of events in it): one (itemsQuery) checks
 * the origin's acronym, takes the feed-order lock, matches subscriptions × the registry's
 * officers under the classification rule, inserts the items (ON CONFLICT DO NOTHING on
 * (event, officer)), their immediate e-mails and the webhook deliveries; the other records
 * notification.created. Sending happens after the commit, in the delivery workers.
 */
@Injectable()
export class FanOutService {
  /**
   * The acronym each origin organization had when last read, by id. Titles are rendered with it
   * before the items' statement, which checks it against the registry in its own snapshot and
   * changes nothing if it no longer holds (another replica, or this transaction, applied an
   * organization change): the event is then rendered again with the acronym the statement
   * returned. So a hint is never trusted, and one learned in a batch that rolled back costs
   * one more run at most. It saves a lookup statement per event.
   */
  private readonly acronyms = new Map<string, string>();

  constructor(@Inject(NotificationsConfig) private readonly config: NotificationsConfig) {}

  async fanOut(manager: EntityManager, event: LiaisonEvent, transaction: InboxTransaction): Promise<FannedOut> {
    const facts = factsOf(event);
    if (event.type === BriefWithdrawnEvent.type) {
      await this.retract(manager, event.subject);
      const webhooks = await this.webhookDeliveries(manager, event, facts);
      return { inAppOfficers: [], items: 0, emails: 0, webhooks };
    }
    if (event.type === OfficerLeftEvent.type) await this.forget(manager, (event.data as { officerId: string }).officerId);
    const { items, webhooks } = await this.insertItems(manager, event, facts);
    this.announce(transaction, event, facts, items);
    return {
      inAppOfficers: items.filter((item) => item.in_app).map((item) => item.officer_id),
      items: items.length,
      emails: items.filter((item) => item.email === 'immediate').length,
      webhooks,
    };
  }

  /**
   * Items, their immediate e-mails and the webhook deliveries, in one statement (itemsQuery).
   * Titles are rendered with the origin's acronym as last seen (none yet: as if the origin were
   * not in the registry); if the statement finds another, it changed nothing and runs again.
   */
  private async insertItems(manager: EntityManager, event: LiaisonEvent, facts: EventFacts): Promise<ItemsOutcome> {
    const r = facts.resource;
    const webhookBody = JSON.stringify(CONTENTLESS.has(event.classification) ? contentless(event, facts, this.config.webOrigin) : event);
    const paramsFor = (acronym: string): unknown[] => [
      event.id, // 1
      event.type, // 2
      event.subject, // 3
      facts.organizations, // 4
      facts.countries, // 5
      facts.regions, // 6
      facts.themes, // 7
      facts.concernedOrganizations, // 8
      facts.concernedOfficers, // 9
      JSON.stringify(renderAll(event.type, { origin: acronym, ...facts.params })), // 10
      facts.link, // 11
      r.classification, // 12
      r.originOrganizationId, // 13
      r.authorId, // 14
      r.audience?.organizations ?? [], // 15
      r.audience?.officers ?? [], // 16
      this.config.messageIdDomain, // 17
      acronym, // 18: the one the messages name the origin by
      webhookBody, // 19
    ];
    const officerSees = recipientVisibility(r, { officerId: 'o.id', organizationId: 'o.organization_id' }, ITEMS_PARAMS + 1);
    // An endpoint stands for its organization: its own id as the "officer", so author and
    // audience-officer grants (red) never match it.
    const endpointSees = recipientVisibility(r, { officerId: 'e.id', organizationId: 'e.organization_id' }, ITEMS_PARAMS + officerSees.params.length + 1);
    const text = itemsQuery(officerSees.sql, endpointSees.sql);

    let acronym = this.acronyms.get(r.originOrganizationId) ?? '';
    for (let run = 1; ; run++) {
      const [outcome] = await queryPrepared<ItemsOutcome>(manager, text, [...paramsFor(acronym), ...officerSees.params, ...endpointSees.params]);
      if (outcome.origin === acronym) return outcome;
      if (run === MAX_ITEMS_RUNS) throw new Error(`fan-out of ${event.id}: the acronym of ${r.originOrganizationId} kept changing`);
      if (this.acronyms.size >= MAX_ACRONYM_HINTS) this.acronyms.clear();
      this.acronyms.set(r.originOrganizationId, outcome.origin);
      acronym = outcome.origin;
    }
  }

  /**
   * notification.created, in the same transaction (so: at most once per item), written with the
   * batch's other events in one statement before the commit: version 2, one event with every new
   * item; version 1, one event per item, only where a deployment still has consumers of it
   * (NOTIFICATION_CREATED_V1).
   */
  private announce(transaction: InboxTransaction, event: LiaisonEvent, facts: EventFacts, items: InsertedItem[]): void {
    if (items.length === 0) return;
    const r = facts.resource;
    const envelope = { classification: r.classification, originorg: r.originOrganizationId, sequence: 1 };
    const audience = { organizations: r.audience?.organizations ?? [], officers: r.audience?.officers ?? [] };
    transaction.publish(
      NotificationsCreatedEvent,
      createEvent(NotificationsCreatedEvent, {
        ...envelope,
        subject: event.id,
        data: {
          eventId: event.id,
          eventType: event.type,
          link: facts.link,
          classification: r.classification,
          audience,
          notifications: items.map((item) => ({
            notificationId: item.id,
            officerId: item.officer_id,
            title: item.title,
            summary: item.summary,
            language: item.language as Language,
          })),
        },
      }),
    );
    if (!this.config.notificationCreatedV1) return;
    for (const item of items) {
      transaction.publish(
        NotificationCreatedEvent,
        createEvent(NotificationCreatedEvent, {
          ...envelope,
          subject: item.id,
          data: {
            notificationId: item.id,
            officerId: item.officer_id,
            eventId: event.id,
            eventType: event.type,
            title: item.title,
            summary: item.summary,
            link: facts.link,
            classification: r.classification,
            audience,
            language: item.language as Language,
          },
        }),
      );
    }
  }

  /** brief.withdrawn has no items: its webhook deliveries are a statement of their own (webhookDeliveriesQuery). */
  private async webhookDeliveries(manager: EntityManager, event: LiaisonEvent, facts: EventFacts): Promise<number> {
    const payload = CONTENTLESS.has(event.classification) ? contentless(event, facts, this.config.webOrigin) : event;
    const params: unknown[] = [event.id, event.type, JSON.stringify(payload)];
    const endpointSees = recipientVisibility(facts.resource, { officerId: 'e.id', organizationId: 'e.organization_id' }, params.length + 1);
    params.push(...endpointSees.params);
    const inserted: unknown[] = await manager.query(webhookDeliveriesQuery('$3', endpointSees.sql), params);
    return inserted.length;
  }

  /**
   * officer.left: their subscriptions are dropped and nothing waiting is sent to them. The
   * preferences row stays, so the default subscription does not come back.
   */
  private async forget(manager: EntityManager, officerId: string): Promise<void> {
    await manager.query(`DELETE FROM subscriptions WHERE officer_id = $1`, [officerId]);
    await manager.query(`INSERT INTO notification_preferences (officer_id) VALUES ($1) ON CONFLICT DO NOTHING`, [officerId]);
    await manager.query(
      `UPDATE email_deliveries SET status = 'cancelled', locked_until = NULL, last_error = 'the officer left'
        WHERE officer_id = $1 AND status = 'pending'`,
      [officerId],
    );
  }

  /** brief.withdrawn: its items leave inboxes, and what was not sent yet is not sent. */
  private async retract(manager: EntityManager, aggregateId: string): Promise<void> {
    await manager.query(
      `WITH gone AS (
         UPDATE notification_items SET withdrawn_at = now() WHERE aggregate_id = $1 AND withdrawn_at IS NULL RETURNING id
       )
       UPDATE email_deliveries SET status = 'cancelled', locked_until = NULL
        WHERE item_id IN (SELECT id FROM gone) AND status IN ('pending', 'sending')`,
      [aggregateId],
    );
    await manager.query(
      `UPDATE webhook_deliveries SET status = 'cancelled', updated_at = now()
        WHERE status IN ('pending', 'sending') AND payload ->> 'subject' = $1`,
      [aggregateId],
    );
  }
}

/** Each row of every candidate branch, the columns matching needs. */
const SUBSCRIPTION = 's.officer_id, s.event_types, s.organizations, s.countries, s.regions, s.themes, s.concerning_me, s.channels, s.frequency';
const UNFILTERED = `s.event_types = '{}' AND s.organizations = '{}' AND s.countries = '{}' AND s.regions = '{}' AND s.themes = '{}'`;

/**
 * Everything one event writes but its notification.created, as one statement (parameters: see
 * insertItems): the origin's acronym checked, the feed-order lock, the items, their immediate
 * e-mails, the webhook deliveries; one row back (ItemsOutcome).
 *
 * Matching reads only candidate subscriptions: a subscription matches only if each of its
 * filters is empty or overlaps the event, so one with any filter is found through the index of
 * that filter, and one without any through the partial index of unfiltered subscriptions, split
 * by `concerning_me` (those only matter for officers the event concerns). Candidates can repeat;
 * `GROUP BY officer` with `bool_or` makes that harmless. The full rule is then applied to them.
 * Scanning every subscription instead cost 7 ms per event with 6,000 subscriptions.
 */
function itemsQuery(officerSeesSql: string, endpointSeesSql: string): string {
  return `
      WITH origin AS (
        SELECT COALESCE((SELECT acronym FROM registry_organizations WHERE id = $13::uuid), '') AS acronym
      ),
      -- The messages ($10) name the origin by $18. If the registry says otherwise now, nothing
      -- below is written, and the caller renders them again with the acronym returned.
      fresh AS (
        SELECT acronym = $18::text AS holds FROM origin
      ),
      -- Transaction-scoped, so held from here to the commit (at once if this transaction holds
      -- it already). The items' insert needs it before its first row, so every position is
      -- drawn under it: positions follow commit order, which the live feed relies on.
      feed_order AS (
        SELECT true AS held FROM pg_advisory_xact_lock(${FEED_ORDER_LOCK})
      ),
      ev AS (
        SELECT $2::text AS event_type, $4::uuid[] AS organizations, $5::text[] AS countries,
               $6::text[] || ARRAY(SELECT region FROM registry_organizations WHERE id = ANY($4::uuid[])) AS regions,
               $7::text[] AS themes, $8::uuid[] AS concerned_organizations, $9::uuid[] AS concerned_officers
      ),
      concerned AS (
        SELECT o.id FROM registry_officers o WHERE o.organization_id = ANY($8::uuid[])
        UNION
        SELECT o.id FROM registry_officers o WHERE o.id = ANY($9::uuid[])
      ),
      subs AS (
        SELECT ${SUBSCRIPTION} FROM subscriptions s WHERE s.countries && $5::text[]
        UNION ALL SELECT ${SUBSCRIPTION} FROM subscriptions s WHERE s.organizations && $4::uuid[]
        UNION ALL SELECT ${SUBSCRIPTION} FROM subscriptions s, ev WHERE s.regions && ev.regions
        UNION ALL SELECT ${SUBSCRIPTION} FROM subscriptions s WHERE s.themes && $7::text[]
        UNION ALL SELECT ${SUBSCRIPTION} FROM subscriptions s WHERE s.event_types && ARRAY[$2::text]
        UNION ALL SELECT ${SUBSCRIPTION} FROM subscriptions s WHERE ${UNFILTERED} AND NOT s.concerning_me
        UNION ALL SELECT ${SUBSCRIPTION} FROM concerned c JOIN subscriptions s ON s.officer_id = c.id WHERE ${UNFILTERED}
        UNION ALL
        -- the default subscription of officers who never changed theirs (no preferences row yet):
        -- unfiltered and concerning them only
        SELECT c.id, '{}', '{}', '{}', '{}', '{}', true, ARRAY['in-app', 'email'], 'immediate'
          FROM concerned c
         WHERE NOT EXISTS (SELECT 1 FROM notification_preferences p WHERE p.officer_id = c.id)
      ),
      matched AS (
        SELECT o.id AS officer_id, o.organization_id, o.language,
               bool_or('in-app' = ANY(s.channels)) AS in_app,
               bool_or('email' = ANY(s.channels) AND s.frequency = 'immediate') AS email_now,
               bool_or('email' = ANY(s.channels) AND s.frequency = 'daily') AS email_daily
          FROM subs s
          JOIN registry_officers o ON o.id = s.officer_id
         CROSS JOIN ev
         WHERE NOT o."left"
           AND o.id <> $14::uuid -- the author knows
           AND (s.event_types = '{}' OR ev.event_type = ANY(s.event_types))
           AND (s.organizations = '{}' OR s.organizations && ev.organizations)
           AND (s.countries = '{}' OR s.countries && ev.countries)
           AND (s.regions = '{}' OR s.regions && ev.regions)
           AND (s.themes = '{}' OR s.themes && ev.themes)
           AND (NOT s.concerning_me OR o.organization_id = ANY(ev.concerned_organizations) OR o.id = ANY(ev.concerned_officers))
           AND ${officerSeesSql}
         GROUP BY o.id, o.organization_id, o.language
      ),
      inserted AS (
        INSERT INTO notification_items (event_id, event_type, aggregate_id, officer_id, organization_id, language, title, summary, link,
                                        classification, origin_organization_id, author_id, audience_organizations, audience_officers,
                                        in_app, email)
        SELECT $1::uuid, $2::text, $3::text, m.officer_id, m.organization_id, r.language, r.message ->> 'title', r.message ->> 'summary', $11::text,
               $12::text, $13::uuid, $14::uuid, $15::uuid[], $16::uuid[], m.in_app,
               CASE WHEN m.email_now THEN 'immediate' WHEN m.email_daily THEN 'daily' ELSE 'none' END
          FROM matched m
         CROSS JOIN LATERAL (
           SELECT CASE WHEN $10::jsonb ? m.language THEN m.language ELSE 'en' END AS language,
                  COALESCE($10::jsonb -> m.language, $10::jsonb -> 'en') AS message
         ) r
         WHERE (SELECT holds FROM fresh) AND (SELECT held FROM feed_order)
        ON CONFLICT (event_id, officer_id) DO NOTHING
        RETURNING id, officer_id, language, title, summary, in_app, email
      ),
      emails AS (
        INSERT INTO email_deliveries (id, officer_id, kind, item_id, event_id, event_type, message_id)
        SELECT notifications_uuid_v7(), i.officer_id, 'item', i.id, $1::uuid, $2::text, '<item.' || i.id || '@' || $17::text || '>'
          FROM inserted i
         WHERE i.email = 'immediate'
        ON CONFLICT DO NOTHING
      ),
      webhooks AS (
        ${webhookDeliveriesQuery('$19', endpointSeesSql, '(SELECT holds FROM fresh)')}
      )
      SELECT (SELECT acronym FROM origin) AS origin,
             (SELECT COALESCE(json_agg(i), '[]') FROM inserted i) AS items,
             (SELECT count(*) FROM webhooks)::int AS webhooks`;
}

/**
 * One delivery per enabled endpoint that wants the type and whose organization may see the
 * event, if `condition` holds: $1 the event's id, $2 its type, `payload` the body. Returns the
 * new deliveries' ids (one per endpoint and event: a repeat inserts nothing).
 */
function webhookDeliveriesQuery(payload: string, endpointSeesSql: string, condition = 'TRUE'): string {
  return `INSERT INTO webhook_deliveries (endpoint_id, event_id, event_type, payload)
        SELECT e.id, $1::uuid, $2::text, ${payload}::jsonb FROM webhook_endpoints e
         WHERE e.enabled AND $2::text = ANY(e.event_types) AND ${endpointSeesSql} AND ${condition}
        ON CONFLICT (endpoint_id, event_id) DO NOTHING
        RETURNING id`;
}

/** What a webhook gets of an amber-strict (or red) event: that it happened, and where to read it. */
export function contentless(event: LiaisonEvent, facts: EventFacts, webOrigin: string): object {
  const { data: _data, ...envelope } = event;
  return { ...envelope, data: { link: new URL(facts.link, webOrigin).toString(), restricted: true } };
}
