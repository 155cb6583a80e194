import { recipientVisibilityOver } from '@liaison/auth';
import { LANGUAGES, type Language } from '@liaison/contracts';

/**
 * Held from the items' insert to the commit, so `position` follows commit order (the live feed
 * reads in it). Taken inside the items' statement (ITEMS_QUERY), before any position is drawn.
 */
export const FEED_ORDER_LOCK = 7_310_405;

export interface InsertedItem {
  id: string;
  officer_id: string;
  language: Language;
  in_app: boolean;
  email: 'immediate' | 'daily' | 'none';
  /** the zone the officer chose, where the event's messages show a time (null for none, or for an event showing no time) */
  timezone: string | null;
}

/** One row per event of the items' statement. */
export interface EventOutcome {
  /** the event's ordinal in the statement's input */
  i: number;
  /** the origin's acronym in the registry, as this statement read it */
  origin: string;
  items: InsertedItem[];
  webhooks: number;
}

/** Between the webhook bodies of the items statement's events: a character JSON.stringify always escapes. */
export const BODY_SEPARATOR = '\u0001';

/** Each row of every candidate branch, the columns matching needs. */
const SUBSCRIPTION = 's.officer_id, s.event_types, s.organizations, s.countries, s.regions, s.themes, s.concerning_me, s.channels, s.frequency';
const UNFILTERED = `s.event_types = '{}' AND s.organizations = '{}' AND s.countries = '{}' AND s.regions = '{}' AND s.themes = '{}'`;

/** The languages as an SQL array literal. */
const LANGUAGE_LIST = `'{${LANGUAGES.join(',')}}'`;

export const EVENT_COLUMNS = {
  classification: 'f.classification',
  originOrganizationId: 'f.origin',
  authorId: 'f.author',
  audienceOrganizations: 'f.audience_organizations',
  audienceOfficers: 'f.audience_officers',
};

/** The reach of the event's parent record as it is now (record_reach), NULL where it has none known. */
export const PARENT_COLUMNS = {
  classification: 'f.parent_classification',
  originOrganizationId: 'f.parent_origin',
  authorId: 'f.parent_author',
  audienceOrganizations: 'f.parent_audience_organizations',
  audienceOfficers: 'f.parent_audience_officers',
};

/**
 * Whether a recipient may see event row `f` (EVENT_COLUMNS and PARENT_COLUMNS): the record as it
 * is now, and its parent as it is now where it has one (a milestone is seen by whoever may see its
 * programme, whatever level its own events carried).
 */
export function eventVisibleTo(recipient: { officerId: string; organizationId: string }): string {
  return `(${recipientVisibilityOver(EVENT_COLUMNS, recipient)}
           AND (f.parent_classification IS NULL OR ${recipientVisibilityOver(PARENT_COLUMNS, recipient)}))`;
}

/**
 * Everything the events of one batch write but their notification.created, as one statement
 * (parameters: see FanOutService.itemsParams): each origin's acronym checked, the feed-order lock, the items,
 * their immediate e-mails, the webhook deliveries; one row back per event (EventOutcome).
 *
 * Matching reads only candidate subscriptions: a subscription matches only if each of its
 * filters is empty or overlaps the event, so one with any filter is found through the index of
 * that filter, and one without any through the partial index of unfiltered subscriptions, split
 * by `concerning_me` (those only matter for officers the event concerns). Candidates can repeat;
 * `GROUP BY (event, officer)` with `bool_or` makes that harmless. The full rule, the
 * classification rule included (recipientVisibilityOver, over the event's columns), is then
 * applied to them; scanning every subscription instead grows with the number of subscriptions.
 */
export const ITEMS_QUERY = `
      WITH given AS (
        SELECT * FROM jsonb_to_recordset($1::jsonb) AS e(
          i int, id uuid, type text, subject text, organizations uuid[], countries text[], regions text[], themes text[],
          concerned_organizations uuid[], concerned_officers uuid[], addressed_officers uuid[], titles jsonb, summaries jsonb, link text, classification text,
          origin uuid, author uuid, changed_by uuid, audience_organizations uuid[], audience_officers uuid[], acronym text, record boolean,
          parent text, message_params jsonb)
      ),
      -- The rule applies to the record as it is now (record_reach, noted before this statement from
      -- the newest version known), not as this event, maybe an older one, had it. The messages
      -- still name the origin the event names (named_origin). A child record (a milestone, a
      -- recommendation) is also held to its parent's reach as it is now (parent_*).
      input AS (
        SELECT g.i, g.id, g.type, g.subject, g.organizations, g.countries, g.regions, g.themes,
               g.concerned_organizations, g.concerned_officers, g.addressed_officers, g.titles, g.summaries, g.message_params, g.link, g.acronym,
               g.origin AS named_origin,
               COALESCE(r.classification, g.classification) AS classification,
               COALESCE(r.origin_organization_id, g.origin) AS origin,
               COALESCE(r.author_id, g.author) AS author,
               -- who made the change is not told of it: the record's author, unless the event names another
               COALESCE(g.changed_by, r.author_id, g.author) AS changed_by,
               COALESCE(r.audience_organizations, g.audience_organizations) AS audience_organizations,
               COALESCE(r.audience_officers, g.audience_officers) AS audience_officers,
               -- a withdrawn record: what arrives after the withdrawal (late, replayed) makes nothing
               r.withdrawn_at IS NOT NULL AS withdrawn,
               p.classification AS parent_classification, p.origin_organization_id AS parent_origin, p.author_id AS parent_author,
               p.audience_organizations AS parent_audience_organizations, p.audience_officers AS parent_audience_officers
          FROM given g
          LEFT JOIN record_reach r ON g.record AND r.aggregate_id = g.subject
          LEFT JOIN record_reach p ON g.record AND p.aggregate_id = COALESCE(r.parent_id, g.parent)
      ),
      ev AS (
        SELECT e.*,
               COALESCE((SELECT acronym FROM registry_organizations WHERE id = e.named_origin), '') AS origin_now,
               e.regions || ARRAY(SELECT region FROM registry_organizations WHERE id = ANY(e.organizations)) AS all_regions
          FROM input e
      ),
      -- Each event's messages name the origin by its acronym. Where the registry says otherwise
      -- now, nothing is written for it, and the caller renders it again with the acronym returned.
      -- "OR i < 0" is never true: it is there for the planner, which guesses that an equality of
      -- two computed columns keeps few rows, so it planned every later step for one event
      -- and joined the items back to their events by a nested loop, each item against every
      -- event of the batch.
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
         WHERE NOT o."left" AND NOT f.withdrawn
           AND o.id <> f.changed_by -- who made the change knows
           AND (s.event_types = '{}' OR f.type = ANY(s.event_types))
           AND (s.organizations = '{}' OR s.organizations && f.organizations)
           AND (s.countries = '{}' OR s.countries && f.countries)
           AND (s.regions = '{}' OR s.regions && f.all_regions)
           AND (s.themes = '{}' OR s.themes && f.themes)
           AND (NOT s.concerning_me OR o.organization_id = ANY(f.concerned_organizations) OR o.id = ANY(f.concerned_officers))
           AND ${eventVisibleTo({ officerId: 'o.id', organizationId: 'o.organization_id' })}
         GROUP BY s.i, o.id, o.organization_id, o.language
      ),
      -- An item is who, in which language and by which channels: what is the same for all items
      -- of an event (texts, link, classification, audience) goes once on its row in
      -- notification_events (below), and reads join it (the view notification_inbox). Those
      -- columns were most of an item's bytes, written once per recipient.
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
      -- event. Where the event's messages show a time, each item comes with its officer's zone:
      -- its notification.created shows the time there (announcement.ts). The zone is read by a
      -- subquery only for those items: a join to the preferences read it for every item of every
      -- event, most of which show no time.
      timed AS (
        SELECT id FROM fresh WHERE message_params IS NOT NULL
      ),
      items_by_event AS (
        SELECT x.event_id,
               json_agg(json_build_object('id', x.id, 'officer_id', x.officer_id, 'language', x.language,
                                          'in_app', x.in_app, 'email', x.email,
                                          'timezone', CASE WHEN x.event_id IN (SELECT id FROM timed)
                                                           THEN (SELECT p.timezone FROM notification_preferences p WHERE p.officer_id = x.officer_id) END)) AS items
          FROM inserted x
         GROUP BY x.event_id
      ),
      -- A row per event that made any item or delivery: its items' texts (and, where they show a
      -- time, what they were rendered from, for every read in its reader's zone) and access fields, and
      -- what a withdrawal finds items and deliveries by (retract). Taken from the events rather
      -- than from the items, whose many rows a UNION would sort.
      -- A row made before the texts moved here (a delivery only) gets them now.
      events AS (
        INSERT INTO notification_events AS known (event_id, aggregate_id, event_type, titles, summaries, message_params, link, classification,
                                               origin_organization_id, author_id, audience_organizations, audience_officers)
        SELECT f.id, f.subject, f.type, f.titles, f.summaries, f.message_params, f.link, f.classification, f.origin, f.author,
               f.audience_organizations, f.audience_officers
          FROM fresh f
         WHERE f.id IN (SELECT event_id FROM items_by_event) OR f.id IN (SELECT event_id FROM webhooks)
        ON CONFLICT (event_id) DO UPDATE
          SET event_type = EXCLUDED.event_type, titles = EXCLUDED.titles, summaries = EXCLUDED.summaries,
              message_params = EXCLUDED.message_params, link = EXCLUDED.link,
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
 * and its parent (an endpoint stands for its organization: its own id as the "officer", so author
 * and audience-officer grants never match it), none for a withdrawn record, for each event row `f`
 * of `events` (EVENT_COLUMNS, PARENT_COLUMNS, `id`, `type`, `withdrawn`), with `body` as payload.
 * Returns the event id of each new delivery (one per endpoint and event: a repeat inserts nothing).
 */
export function webhookDeliveries(events: string, body: string): string {
  return `INSERT INTO webhook_deliveries (endpoint_id, event_id, event_type, payload)
        SELECT e.id, f.id, f.type, ${body}
          FROM ${events} f
          JOIN webhook_endpoints e ON e.enabled AND f.type = ANY(e.event_types)
         WHERE NOT f.withdrawn AND ${eventVisibleTo({ officerId: 'e.id', organizationId: 'e.organization_id' })}
        ON CONFLICT (endpoint_id, event_id) DO NOTHING
        RETURNING event_id`;
}
