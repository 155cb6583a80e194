import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The filters of a subscription: an empty list matches every event. */
const FILTERS = ['event_types', 'organizations', 'countries', 'regions', 'themes'] as const;
const UNFILTERED = FILTERS.map((column) => `${column} = '{}'`).join(' AND ');

/**
 * The notifications schema: preferences and subscriptions, the events fanned out and their inbox
 * items (read through the view `notification_inbox`), e-mail and webhook deliveries, and the live
 * feed's tickets.
 */
export class CreateNotifications1767225800000 implements MigrationInterface {
  name = 'CreateNotifications1767225800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // UUIDv7 in SQL, for the rows the fan-out inserts in one INSERT … SELECT (Postgres 15 has
    // none): 48 bits of Unix milliseconds from the clock at the row's insert, version 7, variant
    // 10, 74 bits from `random()`, the backend's own generator (seeded from the strong source),
    // which costs far less than `gen_random_uuid()` per row. These ids are identifiers, not
    // secrets: every read of an item or a delivery is checked against its owner.
    await queryRunner.query(`
      CREATE FUNCTION notifications_uuid_v7() RETURNS uuid LANGUAGE sql VOLATILE AS $$
        SELECT (lpad(to_hex(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint), 12, '0') || '7'
                || lpad(to_hex(floor(random() * 4096)::int), 3, '0') || to_hex(8 + floor(random() * 4)::int)
                || lpad(to_hex(floor(random() * 4096)::int), 3, '0') || lpad(to_hex(floor(random() * 281474976710656)::bigint), 12, '0'))::uuid
      $$`);

    // One row per officer who has seen or changed their subscriptions: until then the officer
    // has the default subscription without a row (see fan-out), afterwards the rows say it all.
    await queryRunner.query(`
      CREATE TABLE notification_preferences (
        officer_id uuid PRIMARY KEY,
        timezone text NOT NULL DEFAULT 'UTC',
        digest_hour int NOT NULL DEFAULT 8 CHECK (digest_hour BETWEEN 0 AND 23),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);

    await queryRunner.query(`
      CREATE TABLE subscriptions (
        id uuid PRIMARY KEY,
        officer_id uuid NOT NULL,
        event_types text[] NOT NULL DEFAULT '{}',
        organizations uuid[] NOT NULL DEFAULT '{}',
        countries text[] NOT NULL DEFAULT '{}',
        regions text[] NOT NULL DEFAULT '{}',
        themes text[] NOT NULL DEFAULT '{}',
        concerning_me boolean NOT NULL DEFAULT false,
        channels text[] NOT NULL,
        frequency text NOT NULL CHECK (frequency IN ('immediate', 'daily')),
        is_default boolean NOT NULL DEFAULT false,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX subscriptions_officer ON subscriptions (officer_id, created_at DESC, id DESC)`);
    // The fan-out finds candidate subscriptions through one index per filter. Without a pending
    // list (fastupdate off): subscriptions change rarely and are matched on every event, and a
    // pending list is read in full by every search until a vacuum merges it.
    for (const column of FILTERS) {
      await queryRunner.query(`CREATE INDEX subscriptions_${column} ON subscriptions USING gin (${column}) WITH (fastupdate = off)`);
    }
    // Subscriptions with no filter: found by officer, for the officers an event concerns …
    await queryRunner.query(`CREATE INDEX subscriptions_unfiltered ON subscriptions (officer_id) WHERE ${UNFILTERED}`);
    // … and matched by every event.
    await queryRunner.query(`CREATE INDEX subscriptions_everything ON subscriptions (officer_id) WHERE ${UNFILTERED} AND NOT concerning_me`);

    // One row per event that made any item or delivery: what is the same for all of its items
    // (type, brief, texts per language as {"en": "…", …}, link, classification, origin, author,
    // audience), written once. A withdrawal finds the event's items and deliveries through it.
    await queryRunner.query(`
      CREATE TABLE notification_events (
        event_id uuid PRIMARY KEY,
        aggregate_id text NOT NULL,
        event_type text,
        titles jsonb,
        summaries jsonb,
        link text,
        classification text,
        origin_organization_id uuid,
        author_id uuid,
        audience_organizations uuid[],
        audience_officers uuid[]
      )`);
    await queryRunner.query(`CREATE INDEX notification_events_aggregate ON notification_events (aggregate_id)`);

    // An inbox item: who it is for, in which language, by which channels, and its own state.
    // `position` follows commit order (drawn under the feed-order lock); as an identity column
    // it is unique without an index of its own. Every fanned-out item pays for each index, so
    // there are only those a read needs.
    await queryRunner.query(`
      CREATE TABLE notification_items (
        id uuid PRIMARY KEY DEFAULT notifications_uuid_v7(),
        position bigint GENERATED ALWAYS AS IDENTITY,
        event_id uuid NOT NULL,
        officer_id uuid NOT NULL,
        organization_id uuid NOT NULL,
        language text NOT NULL,
        in_app boolean NOT NULL,
        email text NOT NULL CHECK (email IN ('none', 'immediate', 'daily')),
        digest_id uuid,
        withdrawn_at timestamptz(3),
        read_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT notification_items_event_officer UNIQUE (event_id, officer_id)
      )`);
    // the live feed forwards and the inbox list backwards, per officer
    await queryRunner.query(`CREATE INDEX notification_items_feed ON notification_items (officer_id, position)`);
    // items waiting for a digest
    await queryRunner.query(
      `CREATE INDEX notification_items_digest ON notification_items (officer_id) WHERE email = 'daily' AND digest_id IS NULL`,
    );
    // a digest e-mail's items; partial, so the fan-out (which inserts no item in a digest) never pays for it
    await queryRunner.query(`CREATE INDEX notification_items_by_digest ON notification_items (digest_id) WHERE digest_id IS NOT NULL`);

    // Items as every read sees them, joined to their event; an item's language is one of the
    // event's (fan-out), English is there for any other.
    await queryRunner.query(`
      CREATE VIEW notification_inbox AS
      SELECT i.id, i.position, i.event_id, e.event_type, e.aggregate_id, i.officer_id, i.organization_id, i.language,
             COALESCE(e.titles ->> i.language, e.titles ->> 'en', '') AS title,
             COALESCE(e.summaries ->> i.language, e.summaries ->> 'en', '') AS summary,
             e.link, e.classification, e.origin_organization_id, e.author_id, e.audience_organizations, e.audience_officers,
             i.in_app, i.email, i.digest_id, i.withdrawn_at, i.read_at, i.created_at
        FROM notification_items i
        JOIN notification_events e ON e.event_id = i.event_id`);

    // E-mails: one row per item (immediate) or per officer and day (digest); the Message-ID is
    // derived from the row, so a retry of a row is the same message.
    await queryRunner.query(`
      CREATE TABLE email_deliveries (
        id uuid PRIMARY KEY,
        officer_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('item', 'digest')),
        item_id uuid UNIQUE,
        digest_date date,
        event_id uuid,
        event_type text,
        message_id text NOT NULL UNIQUE,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'cancelled')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz(3) NOT NULL DEFAULT now(),
        locked_until timestamptz(3),
        last_error text,
        sent_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT email_deliveries_digest UNIQUE (officer_id, digest_date)
      )`);
    await queryRunner.query(
      `CREATE INDEX email_deliveries_due ON email_deliveries (next_attempt_at) WHERE status IN ('pending', 'sending')`,
    );

    await queryRunner.query(`
      CREATE TABLE webhook_endpoints (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL,
        url text NOT NULL,
        event_types text[] NOT NULL,
        secret text NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        consecutive_failures int NOT NULL DEFAULT 0,
        disabled_at timestamptz(3),
        disabled_reason text,
        created_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX webhook_endpoints_organization ON webhook_endpoints (organization_id, created_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX webhook_endpoints_event_types ON webhook_endpoints USING gin (event_types) WITH (fastupdate = off)`);

    await queryRunner.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT notifications_uuid_v7(),
        endpoint_id uuid NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'delivered', 'failed', 'cancelled')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz(3) NOT NULL DEFAULT now(),
        locked_until timestamptz(3),
        last_status_code int,
        last_error text,
        delivered_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT webhook_deliveries_endpoint_event UNIQUE (endpoint_id, event_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status IN ('pending', 'sending')`,
    );
    await queryRunner.query(`CREATE INDEX webhook_deliveries_log ON webhook_deliveries (endpoint_id, created_at DESC, id DESC)`);

    // Short-lived, single-use tickets for the SSE route (a browser EventSource sends no header).
    await queryRunner.query(`
      CREATE TABLE stream_tickets (
        ticket_hash text PRIMARY KEY,
        officer_id uuid NOT NULL,
        organization_id uuid NOT NULL,
        roles text[] NOT NULL,
        expires_at timestamptz(3) NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW notification_inbox`);
    for (const table of [
      'stream_tickets',
      'webhook_deliveries',
      'webhook_endpoints',
      'email_deliveries',
      'notification_items',
      'notification_events',
      'subscriptions',
      'notification_preferences',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    await queryRunner.query(`DROP FUNCTION notifications_uuid_v7()`);
  }
}
