import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateNotifications1767225800000 implements MigrationInterface {
  name = 'CreateNotifications1767225800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // UUIDv7 in SQL, for the rows the fan-out inserts in one INSERT … SELECT (Postgres 15 has none).
    await queryRunner.query(`
      CREATE FUNCTION notifications_uuid_v7() RETURNS uuid LANGUAGE sql VOLATILE AS $$
        SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) PLACING
          substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3) FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid
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
    for (const column of ['event_types', 'organizations', 'countries', 'regions', 'themes']) {
      await queryRunner.query(`CREATE INDEX subscriptions_${column} ON subscriptions USING gin (${column})`);
    }

    await queryRunner.query(`
      CREATE TABLE notification_items (
        id uuid PRIMARY KEY DEFAULT notifications_uuid_v7(),
        position bigint GENERATED ALWAYS AS IDENTITY,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        aggregate_id text NOT NULL,
        officer_id uuid NOT NULL,
        organization_id uuid NOT NULL,
        language text NOT NULL,
        title text NOT NULL,
        summary text NOT NULL,
        link text NOT NULL,
        classification text NOT NULL,
        origin_organization_id uuid NOT NULL,
        author_id uuid NOT NULL,
        audience_organizations uuid[] NOT NULL DEFAULT '{}',
        audience_officers uuid[] NOT NULL DEFAULT '{}',
        in_app boolean NOT NULL,
        email text NOT NULL CHECK (email IN ('none', 'immediate', 'daily')),
        digest_id uuid,
        withdrawn_at timestamptz(3),
        read_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT notification_items_event_officer UNIQUE (event_id, officer_id)
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX notification_items_position ON notification_items (position)`);
    await queryRunner.query(`CREATE INDEX notification_items_inbox ON notification_items (officer_id, created_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX notification_items_feed ON notification_items (officer_id, position)`);
    await queryRunner.query(`CREATE INDEX notification_items_aggregate ON notification_items (aggregate_id)`);
    await queryRunner.query(
      `CREATE INDEX notification_items_digest ON notification_items (officer_id) WHERE email = 'daily' AND digest_id IS NULL`,
    );

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
    await queryRunner.query(`CREATE INDEX webhook_endpoints_event_types ON webhook_endpoints USING gin (event_types)`);

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
    for (const table of [
      'stream_tickets',
      'webhook_deliveries',
      'webhook_endpoints',
      'email_deliveries',
      'notification_items',
      'subscriptions',
      'notification_preferences',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    await queryRunner.query(`DROP FUNCTION notifications_uuid_v7()`);
  }
}
