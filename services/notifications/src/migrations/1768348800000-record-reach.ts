import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The inbox view as the initial migration made it: each item with its event's own classified fields. */
const INBOX_BY_EVENT = `
      CREATE OR REPLACE VIEW notification_inbox AS
      SELECT i.id, i.position, i.event_id, e.event_type, e.aggregate_id, i.officer_id, i.organization_id, i.language,
             COALESCE(e.titles ->> i.language, e.titles ->> 'en', '') AS title,
             COALESCE(e.summaries ->> i.language, e.summaries ->> 'en', '') AS summary,
             e.link, e.classification, e.origin_organization_id, e.author_id, e.audience_organizations, e.audience_officers,
             i.in_app, i.email, i.digest_id, i.withdrawn_at, i.read_at, i.created_at
        FROM notification_items i
        JOIN notification_events e ON e.event_id = i.event_id`;

/**
 * Notifications follow the record, not the event. `record_reach` holds each classified record's
 * current classification, audience, origin and author (by aggregate id, from the newest event by
 * `sequence`), and the inbox view takes them from there, so every read (inbox list, get, live
 * feed, e-mails and digests) applies the rule to the record as it is now; an event's own fields
 * stay on its row for records that have none. A webhook delivery marked `retraction` tells a
 * partner, without content, that a record it received is no longer for it.
 */
export class RecordReach1768348800000 implements MigrationInterface {
  name = 'RecordReach1768348800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE record_reach (
        aggregate_id text PRIMARY KEY,
        sequence bigint NOT NULL,
        classification text NOT NULL,
        origin_organization_id uuid NOT NULL,
        author_id uuid NOT NULL,
        audience_organizations uuid[] NOT NULL DEFAULT '{}',
        audience_officers uuid[] NOT NULL DEFAULT '{}',
        link text NOT NULL,
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`ALTER TABLE webhook_deliveries ADD COLUMN retraction boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`
      CREATE OR REPLACE VIEW notification_inbox AS
      SELECT i.id, i.position, i.event_id, e.event_type, e.aggregate_id, i.officer_id, i.organization_id, i.language,
             COALESCE(e.titles ->> i.language, e.titles ->> 'en', '') AS title,
             COALESCE(e.summaries ->> i.language, e.summaries ->> 'en', '') AS summary,
             e.link,
             COALESCE(r.classification, e.classification) AS classification,
             COALESCE(r.origin_organization_id, e.origin_organization_id) AS origin_organization_id,
             COALESCE(r.author_id, e.author_id) AS author_id,
             COALESCE(r.audience_organizations, e.audience_organizations) AS audience_organizations,
             COALESCE(r.audience_officers, e.audience_officers) AS audience_officers,
             i.in_app, i.email, i.digest_id, i.withdrawn_at, i.read_at, i.created_at
        FROM notification_items i
        JOIN notification_events e ON e.event_id = i.event_id
        LEFT JOIN record_reach r ON r.aggregate_id = e.aggregate_id`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(INBOX_BY_EVENT);
    await queryRunner.query(`ALTER TABLE webhook_deliveries DROP COLUMN retraction`);
    await queryRunner.query(`DROP TABLE record_reach`);
  }
}
