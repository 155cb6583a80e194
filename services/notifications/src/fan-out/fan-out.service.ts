import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  BriefWithdrawnEvent,
  OfficerLeftEvent,
  type Classification,
  createEvent,
  type LiaisonEvent,
  type Language,
  LANGUAGES,
  NotificationCreatedEvent,
  NotificationsCreatedByLanguageEvent,
  NotificationsCreatedEvent,
} from '@liaison/contracts';
import type { InboxStep, InboxTransaction } from '@liaison/messaging';
import { NotificationsConfig } from '../config';
import { type EventFacts, factsOf } from '../events/event-facts';
import { type Rendered, renderAll } from '../messages/render';
import { queryPrepared } from './prepared-statement';
import { recipientVisibilityOver } from './recipient-visibility';

/**
 * Held from the items' insert to the commit, so `position` follows commit order (the live feed
 * reads in it). Taken inside the items' statement (ITEMS_QUERY), before any position is drawn.
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

/**
 * One event's share of a fan-out batch (see FanOutService.run): what it was, the trace it came
 * in (the step runs outside its caller's context), and, once its items are written, what they were.
 */
export interface FanOutShare {
  event: LiaisonEvent;
  traceparent: string | undefined;
  fannedOut?: FannedOut;
}

interface InsertedItem {
  id: string;
  officer_id: string;
  language: Language;
  in_app: boolean;
  email: 'immediate' | 'daily' | 'none';
}

/** One row per event of the items' statement. */
interface EventOutcome {
  /** the event's ordinal in the statement's input */
  i: number;
  /** the origin's acronym in the registry, as this statement read it */
  origin: string;
  items: InsertedItem[];
  webhooks: number;
}

/** An event on its way into the items' statement. */
interface Pending {
  share: FanOutShare;
  facts: EventFacts;
  /** the acronym its messages name the origin by */
  acronym: string;
  messages: Record<Language, Rendered>;
}

/** Between the webhook bodies of the items statement's events: a character JSON.stringify always escapes. */
const BODY_SEPARATOR = '\u0001';

/** Origins whose acronym was learned; past this many the hints start over (they are only hints). */
const MAX_ACRONYM_HINTS = 10_000;
/** Runs of the items' statement for an event whose origin's acronym keeps changing under it. */
const MAX_ITEMS_RUNS = 3;

/**
 * Events to every entitled, subscribed officer, as set operations inside the inbox's
 * transaction. Round trips are what a fan-out costs on this service's machines (each statement
 * is a socket write and a plan on both sides), so the events of an inbox batch go into ONE
 * statement together (ITEMS_QUERY: the inbox runs this class as a step for consecutive events,
 * see InboxStep), whatever their number: it checks each origin's acronym, takes the feed-order
 * lock, matches subscriptions × the registry's officers under the classification rule, inserts
 * the items (ON CONFLICT DO NOTHING on (event, officer)), their immediate e-mails and the webhook
 * deliveries. Their notification.created events go with the batch's other outbox rows
 * (InboxTransaction.publish). Sending happens after the commit, in the delivery workers.
 *
 * brief.withdrawn and officer.left change what is there already, so they are not a step: the
 * handler runs them as effects of their own (retract, forget), in the batch's order.
 */
@Injectable()
export class FanOutService implements InboxStep<FanOutShare> {
  /**
   * The acronym each origin organization had when last read, by id. Titles are rendered with it
   * before the items' statement, which checks it against the registry in its own snapshot and
   * writes nothing for an event where it no longer holds (another replica, or this transaction,
   * applied an organization change): that event is then rendered again with the acronym the
   * statement returned, and written by one more run. So a hint is never trusted, and one
   * learned in a batch that rolled back costs one more run at most. It saves a lookup per event.
   */
  private readonly acronyms = new Map<string, string>();

  constructor(@Inject(NotificationsConfig) private readonly config: NotificationsConfig) {}

  /** The step: the items of every share, in one statement (more only where an acronym changed). */
  async run(manager: EntityManager, shares: readonly FanOutShare[], transaction: InboxTransaction): Promise<void> {
    await this.writeItems(manager, shares, transaction);
  }

  /** An event that changes what is there already: run alone, as an effect, in the batch's order. */
  async fanOutAlone(manager: EntityManager, share: FanOutShare, transaction: InboxTransaction): Promise<void> {
    const { event } = share;
    if (event.type === BriefWithdrawnEvent.type) {
      await this.retract(manager, event.subject);
      const webhooks = await this.webhookDeliveries(manager, event, factsOf(event));
      share.fannedOut = { inAppOfficers: [], items: 0, emails: 0, webhooks };
      return;
    }
    if (event.type === OfficerLeftEvent.type) await this.forget(manager, (event.data as { officerId: string }).officerId);
    await this.writeItems(manager, [share], transaction);
  }

  /** Whether an event must run alone (fanOutAlone) rather than with its neighbours (run). */
  static changesWhatIsThere(event: LiaisonEvent): boolean {
    return event.type === BriefWithdrawnEvent.type || event.type === OfficerLeftEvent.type;
  }

  private async writeItems(manager: EntityManager, shares: readonly FanOutShare[], transaction: InboxTransaction): Promise<void> {
    let pending: Pending[] = shares.map((share) => {
      const facts = factsOf(share.event);
      return this.rendered(share, facts, this.acronyms.get(facts.resource.originOrganizationId) ?? '');
    });
    for (let run = 1; pending.length > 0; run++) {
      const outcomes = await queryPrepared<EventOutcome>(manager, ITEMS_QUERY, this.itemsParams(pending));
      const stale: Pending[] = [];
      for (const outcome of outcomes) {
        const entry = pending[outcome.i];
        if (outcome.origin !== entry.acronym) {
          if (run === MAX_ITEMS_RUNS) {
            throw new Error(`fan-out of ${entry.share.event.id}: the acronym of ${entry.facts.resource.originOrganizationId} kept changing`);
          }
          if (this.acronyms.size >= MAX_ACRONYM_HINTS) this.acronyms.clear();
          this.acronyms.set(entry.facts.resource.originOrganizationId, outcome.origin);
          stale.push(this.rendered(entry.share, entry.facts, outcome.origin));
          continue;
        }
        this.announce(transaction, entry, outcome.items);
        entry.share.fannedOut = {
          inAppOfficers: outcome.items.filter((item) => item.in_app).map((item) => item.officer_id),
          items: outcome.items.length,
          emails: outcome.items.filter((item) => item.email === 'immediate').length,
          webhooks: outcome.webhooks,
        };
      }
      pending = stale;
    }
  }

  /** The share on its way into the items statement, its messages naming the origin by `acronym`. */
  private rendered(share: FanOutShare, facts: EventFacts, acronym: string): Pending {
    return { share, facts, acronym, messages: renderAll(share.event.type, { origin: acronym, ...facts.params }) };
  }

  /** $1: the events (jsonb, one object per event, read by jsonb_to_recordset); $2: webhook bodies in ordinal order, joined by U+0001; $3: Message-ID domain. */
  private itemsParams(pending: readonly Pending[]): unknown[] {
    const events = pending.map(({ share: { event }, facts, acronym, messages }, i) => {
      const r = facts.resource;
      return {
        i,
        id: event.id,
        type: event.type,
        subject: event.subject,
        organizations: facts.organizations,
        countries: facts.countries,
        regions: facts.regions,
        themes: facts.themes,
        concerned_organizations: facts.concernedOrganizations,
        concerned_officers: facts.concernedOfficers,
        addressed_officers: facts.addressedOfficers ?? [],
        titles: Object.fromEntries(LANGUAGES.map((language) => [language, messages[language].title])),
        summaries: Object.fromEntries(LANGUAGES.map((language) => [language, messages[language].summary])),
        link: facts.link,
        classification: r.classification,
        origin: r.originOrganizationId,
        author: r.authorId,
        audience_organizations: r.audience?.organizations ?? [],
        audience_officers: r.audience?.officers ?? [],
        acronym,
      };
    });
    // Parsed by Postgres only for an event some endpoint takes. One text joined by U+0001, which
    // JSON never holds unescaped, not a text array: node-postgres escapes an array's elements
    // character by character, and those copies were an eighth of what this service promoted to
    // its old generation (sampled), the garbage its major collections spend their time on.
    const webhookBodies = pending
      .map(({ share: { event }, facts }) => JSON.stringify(CONTENTLESS.has(event.classification) ? contentless(event, facts, this.config.webOrigin) : event))
      .join(BODY_SEPARATOR);
    return [JSON.stringify(events), webhookBodies, this.config.messageIdDomain];
  }

  /**
   * notification.created, in the same transaction (so: at most once per item), written with the
   * batch's other events in one statement before the commit: version 3, one event with every new
   * item and each language's text once; version 2 (texts per item) and version 1 (one event per
   * item) only where a deployment still has consumers of them (NOTIFICATION_CREATED_V2, _V1).
   * Each carries the trace its source event came in.
   */
  private announce(transaction: InboxTransaction, { share: { event, traceparent }, facts, messages }: Pending, items: InsertedItem[]): void {
    if (items.length === 0) return;
    const r = facts.resource;
    const envelope = { classification: r.classification, originorg: r.originOrganizationId, sequence: 1, traceparent };
    const audience = { organizations: r.audience?.organizations ?? [], officers: r.audience?.officers ?? [] };
    const about = { eventId: event.id, eventType: event.type, link: facts.link, classification: r.classification, audience };
    const languages = [...new Set(items.map((item) => item.language))];
    transaction.publish(
      NotificationsCreatedByLanguageEvent,
      createEvent(NotificationsCreatedByLanguageEvent, {
        ...envelope,
        subject: event.id,
        data: {
          ...about,
          texts: languages.map((language) => ({ language, title: messages[language].title, summary: messages[language].summary })),
          notifications: items.map((item) => ({ notificationId: item.id, officerId: item.officer_id, language: item.language })),
        },
      }),
    );
    if (this.config.notificationCreatedV2) {
      transaction.publish(
        NotificationsCreatedEvent,
        createEvent(NotificationsCreatedEvent, {
          ...envelope,
          subject: event.id,
          data: {
            ...about,
            notifications: items.map((item) => ({
              notificationId: item.id,
              officerId: item.officer_id,
              title: messages[item.language].title,
              summary: messages[item.language].summary,
              language: item.language,
            })),
          },
        }),
      );
    }
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
            title: messages[item.language].title,
            summary: messages[item.language].summary,
            link: facts.link,
            classification: r.classification,
            audience,
            language: item.language,
          },
        }),
      );
    }
  }

  /** brief.withdrawn has no items: its webhook deliveries are a statement of their own (WITHDRAWAL_DELIVERIES). */
  private async webhookDeliveries(manager: EntityManager, event: LiaisonEvent, facts: EventFacts): Promise<number> {
    const r = facts.resource;
    const payload = CONTENTLESS.has(event.classification) ? contentless(event, facts, this.config.webOrigin) : event;
    const inserted: unknown[] = await manager.query(WITHDRAWAL_DELIVERIES, [
      event.id,
      event.type,
      r.classification,
      r.originOrganizationId,
      r.authorId,
      r.audience?.organizations ?? [],
      r.audience?.officers ?? [],
      JSON.stringify(payload),
    ]);
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

  /**
   * brief.withdrawn: its items leave inboxes, and what was not sent yet is not sent. Items and
   * webhook deliveries are found through the events about the brief (notification_events), by
   * their own unique indexes, not by a scan of the delivery log for the event's subject.
   */
  private async retract(manager: EntityManager, aggregateId: string): Promise<void> {
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
}

/** Each row of every candidate branch, the columns matching needs. */
const SUBSCRIPTION = 's.officer_id, s.event_types, s.organizations, s.countries, s.regions, s.themes, s.concerning_me, s.channels, s.frequency';
const UNFILTERED = `s.event_types = '{}' AND s.organizations = '{}' AND s.countries = '{}' AND s.regions = '{}' AND s.themes = '{}'`;

/** The languages as an SQL array literal. */
const LANGUAGE_LIST = `'{${LANGUAGES.join(',')}}'`;

const EVENT_COLUMNS = {
  classification: 'f.classification',
  originOrganizationId: 'f.origin',
  authorId: 'f.author',
  audienceOrganizations: 'f.audience_organizations',
  audienceOfficers: 'f.audience_officers',
};

/**
 * Everything the events of one batch write but their notification.created, as one statement
 * (parameters: see itemsParams): each origin's acronym checked, the feed-order lock, the items,
 * their immediate e-mails, the webhook deliveries; one row back per event (EventOutcome).
 *
 * Matching reads only candidate subscriptions: a subscription matches only if each of its
 * filters is empty or overlaps the event, so one with any filter is found through the index of
 * that filter, and one without any through the partial index of unfiltered subscriptions, split
 * by `concerning_me` (those only matter for officers the event concerns). Candidates can repeat;
 * `GROUP BY (event, officer)` with `bool_or` makes that harmless. The full rule, the
 * classification rule included (recipientVisibilityOver, over the event's columns), is then
 * applied to them. Scanning every subscription instead cost 7 ms per event with 6,000 subscriptions.
 */
const ITEMS_QUERY = `
      WITH input AS (
        SELECT * FROM jsonb_to_recordset($1::jsonb) AS e(
          i int, id uuid, type text, subject text, organizations uuid[], countries text[], regions text[], themes text[],
          concerned_organizations uuid[], concerned_officers uuid[], addressed_officers uuid[], titles jsonb, summaries jsonb, link text, classification text,
          origin uuid, author uuid, audience_organizations uuid[], audience_officers uuid[], acronym text)
      ),
      ev AS (
        SELECT e.*,
               COALESCE((SELECT acronym FROM registry_organizations WHERE id = e.origin), '') AS origin_now,
               e.regions || ARRAY(SELECT region FROM registry_organizations WHERE id = ANY(e.organizations)) AS all_regions
          FROM input e
      ),
      -- Each event's messages name the origin by its acronym. Where the registry says otherwise
      -- now, nothing is written for it, and the caller renders it again with the acronym returned.
      -- "OR i < 0" is never true: it is there for the planner, which guesses that an equality of
      -- two computed columns keeps 1 row in 200, so it planned every later step for one event
      -- and joined the items back to their events by a nested loop, each item against every
      -- event of the batch (a quarter of the statement's time for a batch of 31 events).
      fresh AS (
        SELECT * FROM ev WHERE origin_now = acronym OR i < 0
      ),
      -- Transaction-scoped, so held from here to the commit (at once if this transaction holds
      -- it already). The items' insert needs it before its first row, so every position is
      -- drawn under it: positions follow commit order, which the live feed relies on.
      feed_order AS (
        SELECT true AS held FROM pg_advisory_xact_lock(${FEED_ORDER_LOCK})
      ),
      -- (officers who left match nothing below; leaving them out here lets the registry's partial
      -- index by organization find the rest instead of a scan of every officer per event)
      concerned AS (
        SELECT f.i, o.id FROM fresh f JOIN registry_officers o ON o.organization_id = ANY(f.concerned_organizations) AND NOT o."left"
        UNION
        SELECT f.i, o.id FROM fresh f JOIN registry_officers o ON o.id = ANY(f.concerned_officers)
      ),
      subs AS (
        SELECT f.i, ${SUBSCRIPTION} FROM fresh f JOIN subscriptions s ON s.countries && f.countries
        UNION ALL SELECT f.i, ${SUBSCRIPTION} FROM fresh f JOIN subscriptions s ON s.organizations && f.organizations
        UNION ALL SELECT f.i, ${SUBSCRIPTION} FROM fresh f JOIN subscriptions s ON s.regions && f.all_regions
        UNION ALL SELECT f.i, ${SUBSCRIPTION} FROM fresh f JOIN subscriptions s ON s.themes && f.themes
        UNION ALL SELECT f.i, ${SUBSCRIPTION} FROM fresh f JOIN subscriptions s ON s.event_types && ARRAY[f.type]
        UNION ALL SELECT f.i, ${SUBSCRIPTION} FROM fresh f CROSS JOIN subscriptions s WHERE ${UNFILTERED} AND NOT s.concerning_me
        UNION ALL SELECT c.i, ${SUBSCRIPTION} FROM concerned c JOIN subscriptions s ON s.officer_id = c.id WHERE ${UNFILTERED}
        UNION ALL
        -- the default subscription of officers who never changed theirs (no preferences row yet):
        -- unfiltered and concerning them only
        SELECT c.i, c.id, '{}', '{}', '{}', '{}', '{}', true, ARRAY['in-app', 'email'], 'immediate'
          FROM concerned c
         WHERE NOT EXISTS (SELECT 1 FROM notification_preferences p WHERE p.officer_id = c.id)
        UNION ALL
        -- officers an event is addressed to (their own enrolment or certificate, their cancelled
        -- session) are told whatever their subscriptions: in-app at least
        SELECT f.i, a.id, '{}', '{}', '{}', '{}', '{}', true, ARRAY['in-app'], 'immediate'
          FROM fresh f CROSS JOIN LATERAL unnest(f.addressed_officers) AS a (id)
      ),
      matched AS (
        SELECT s.i, o.id AS officer_id, o.organization_id, o.language,
               bool_or('in-app' = ANY(s.channels)) AS in_app,
               bool_or('email' = ANY(s.channels) AND s.frequency = 'immediate') AS email_now,
               bool_or('email' = ANY(s.channels) AND s.frequency = 'daily') AS email_daily
          FROM subs s
          JOIN fresh f ON f.i = s.i
          JOIN registry_officers o ON o.id = s.officer_id
         WHERE NOT o."left"
           AND o.id <> f.author -- the author knows
           AND (s.event_types = '{}' OR f.type = ANY(s.event_types))
           AND (s.organizations = '{}' OR s.organizations && f.organizations)
           AND (s.countries = '{}' OR s.countries && f.countries)
           AND (s.regions = '{}' OR s.regions && f.all_regions)
           AND (s.themes = '{}' OR s.themes && f.themes)
           AND (NOT s.concerning_me OR o.organization_id = ANY(f.concerned_organizations) OR o.id = ANY(f.concerned_officers))
           AND ${recipientVisibilityOver(EVENT_COLUMNS, { officerId: 'o.id', organizationId: 'o.organization_id' })}
         GROUP BY s.i, o.id, o.organization_id, o.language
      ),
      -- An item is who, in which language and by which channels: what is the same for all items
      -- of an event (texts, link, classification, audience) goes once on its row in
      -- notification_events (below), and reads join it (the view notification_inbox). Those
      -- columns were ~3/4 of an item's bytes; 100 recipients wrote them 100 times.
      inserted AS (
        INSERT INTO notification_items (event_id, officer_id, organization_id, language, in_app, email)
        SELECT f.id, m.officer_id, m.organization_id,
               -- in the officer's language, else in English
               CASE WHEN m.language = ANY(${LANGUAGE_LIST}::text[]) THEN m.language ELSE 'en' END,
               m.in_app, CASE WHEN m.email_now THEN 'immediate' WHEN m.email_daily THEN 'daily' ELSE 'none' END
          FROM matched m
          JOIN fresh f ON f.i = m.i
         WHERE (SELECT held FROM feed_order)
        ON CONFLICT (event_id, officer_id) DO NOTHING
        RETURNING id, event_id, officer_id, language, in_app, email
      ),
      emails AS (
        INSERT INTO email_deliveries (id, officer_id, kind, item_id, event_id, event_type, message_id)
        SELECT notifications_uuid_v7(), i.officer_id, 'item', i.id, i.event_id, f.type, '<item.' || i.id || '@' || $3::text || '>'
          FROM inserted i
          JOIN fresh f ON f.id = i.event_id
         WHERE i.email = 'immediate'
        ON CONFLICT DO NOTHING
      ),
      bodies AS (
        SELECT string_to_array($2::text, chr(1)) AS split
      ),
      webhooks AS (
        ${webhookDeliveries('fresh', '(SELECT split FROM bodies)[f.i + 1]::jsonb')}
      ),
      -- Grouped once and joined: a subquery per event read every item of the batch for each
      -- event (31 events, 3,100 items: 26 of the statement's 167 ms).
      items_by_event AS (
        SELECT x.event_id,
               json_agg(json_build_object('id', x.id, 'officer_id', x.officer_id, 'language', x.language,
                                          'in_app', x.in_app, 'email', x.email)) AS items
          FROM inserted x
         GROUP BY x.event_id
      ),
      -- A row per event that made any item or delivery: its items' texts and access fields, and
      -- what a withdrawal finds items and deliveries by (retract). Taken from the events rather
      -- than from the items, whose thousands of rows a UNION sorted (5 of 93 ms for 3,100).
      -- A row made before the texts moved here (a delivery only) gets them now.
      events AS (
        INSERT INTO notification_events AS known (event_id, aggregate_id, event_type, titles, summaries, link, classification,
                                               origin_organization_id, author_id, audience_organizations, audience_officers)
        SELECT f.id, f.subject, f.type, f.titles, f.summaries, f.link, f.classification, f.origin, f.author,
               f.audience_organizations, f.audience_officers
          FROM fresh f
         WHERE f.id IN (SELECT event_id FROM items_by_event) OR f.id IN (SELECT event_id FROM webhooks)
        ON CONFLICT (event_id) DO UPDATE
          SET event_type = EXCLUDED.event_type, titles = EXCLUDED.titles, summaries = EXCLUDED.summaries, link = EXCLUDED.link,
              classification = EXCLUDED.classification, origin_organization_id = EXCLUDED.origin_organization_id,
              author_id = EXCLUDED.author_id, audience_organizations = EXCLUDED.audience_organizations,
              audience_officers = EXCLUDED.audience_officers
          WHERE known.titles IS NULL
      ),
      webhooks_by_event AS (
        SELECT w.event_id, count(*) AS n FROM webhooks w GROUP BY w.event_id
      )
      SELECT ev.i, ev.origin_now AS origin, COALESCE(b.items, '[]') AS items, COALESCE(w.n, 0)::int AS webhooks
        FROM ev
        LEFT JOIN items_by_event b ON b.event_id = ev.id
        LEFT JOIN webhooks_by_event w ON w.event_id = ev.id
       ORDER BY ev.i`;

/**
 * One delivery per enabled endpoint that wants the type and whose organization may see the event
 * (an endpoint stands for its organization: its own id as the "officer", so author and
 * audience-officer grants never match it), for each event row `f` of `events` (EVENT_COLUMNS,
 * `id`, `type`), with `body` as payload. Returns the event id of each new delivery (one per
 * endpoint and event: a repeat inserts nothing).
 */
function webhookDeliveries(events: string, body: string): string {
  return `INSERT INTO webhook_deliveries (endpoint_id, event_id, event_type, payload)
        SELECT e.id, f.id, f.type, ${body}
          FROM ${events} f
          JOIN webhook_endpoints e ON e.enabled AND f.type = ANY(e.event_types)
         WHERE ${recipientVisibilityOver(EVENT_COLUMNS, { officerId: 'e.id', organizationId: 'e.organization_id' })}
        ON CONFLICT (endpoint_id, event_id) DO NOTHING
        RETURNING event_id`;
}

/** A withdrawal's webhook deliveries: the event's fields as parameters ($1…$7, see webhookDeliveries), $8 the body. */
const WITHDRAWAL_DELIVERIES = `
      WITH withdrawal AS (
        SELECT $1::uuid AS id, $2::text AS type, $3::text AS classification, $4::uuid AS origin, $5::uuid AS author,
               $6::uuid[] AS audience_organizations, $7::uuid[] AS audience_officers
      )
      ${webhookDeliveries('withdrawal', '$8::jsonb')}`;

/** What a webhook gets of an amber-strict (or red) event: that it happened, and where to read it. */
export function contentless(event: LiaisonEvent, facts: EventFacts, webOrigin: string): object {
  const { data: _data, ...envelope } = event;
  return { ...envelope, data: { link: new URL(facts.link, webOrigin).toString(), restricted: true } };
}
