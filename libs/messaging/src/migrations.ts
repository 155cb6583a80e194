import type { MigrationInterface, QueryRunner } from 'typeorm';
import { InboxRecord } from './inbox/inbox-record.entity';
import { OutboxRecord } from './outbox/outbox-record.entity';

export class CreateOutbox1767225600000 implements MigrationInterface {
  name = 'CreateOutbox1767225600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY,
        subject text NOT NULL,
        event jsonb NOT NULL,
        traceparent text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz NULL
      )`);
    // The relay only ever reads unsent rows in this order; sent rows (most of the table) stay out of the index.
    await queryRunner.query(`CREATE INDEX outbox_unsent ON outbox (created_at, id) WHERE sent_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE outbox`);
  }
}

export class CreateInbox1767225600001 implements MigrationInterface {
  name = 'CreateInbox1767225600001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE inbox (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        handled_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE inbox`);
  }
}

/**
 * The outbox keeps each event as the JSON text that goes on the wire. As jsonb, every event would
 * be parsed on insert, printed back to text by the relay's SELECT, then parsed and serialized
 * again to publish it, work that grows with the event (a notification.created carries many
 * items). As text it is stored and published as it is; lz4 (where the server has it) compresses
 * it much faster than pglz. Tests that look into an event cast it: `event::jsonb ->> 'type'`.
 */
export class OutboxEventAsText1767744000000 implements MigrationInterface {
  name = 'OutboxEventAsText1767744000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE outbox ALTER COLUMN event TYPE text USING event::text`);
    await queryRunner.query(`
      DO $$ BEGIN
        ALTER TABLE outbox ALTER COLUMN event SET COMPRESSION lz4;
      EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
        NULL; -- built without lz4 (or an embedded Postgres): the default compression stays
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE outbox ALTER COLUMN event SET COMPRESSION default`);
    await queryRunner.query(`ALTER TABLE outbox ALTER COLUMN event TYPE jsonb USING event::jsonb`);
  }
}

/**
 * The relay deletes sent rows past the retention oldest first; this index finds them without
 * reading the table. Unsent rows stay out of it (the claim has its own index).
 */
export class OutboxSentIndex1796256000000 implements MigrationInterface {
  name = 'OutboxSentIndex1796256000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS outbox_sent ON outbox (sent_at) WHERE sent_at IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS outbox_sent`);
  }
}

/**
 * The dead letters of the in-process bus (the standalone mode), kept in the consuming service's
 * own database so they outlive a restart; on a deployment they live in the dead-letter stream and
 * this table stays empty. One per (consumer, event): the event set aside again replaces it.
 */
export class CreateDeadLetters1796299200000 implements MigrationInterface {
  name = 'CreateDeadLetters1796299200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE dead_letters (
        id uuid PRIMARY KEY,
        consumer text NOT NULL,
        subject text NOT NULL,
        event_id text NOT NULL,
        event text NOT NULL,
        traceparent text NULL,
        deliveries integer NOT NULL,
        error text NOT NULL,
        dead_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (consumer, event_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE dead_letters`);
  }
}

/** Append to every service's own migrations (listed explicitly, like the service's). */
export const messagingMigrations = [CreateOutbox1767225600000, CreateInbox1767225600001, OutboxEventAsText1767744000000, OutboxSentIndex1796256000000, CreateDeadLetters1796299200000];

/** Append to every service's DataSource entities. */
export const messagingEntities = [OutboxRecord, InboxRecord];
