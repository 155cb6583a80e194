import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The inbox view's columns up to the parent's reach (ParentReach1768500000002), which every version keeps first and in place. */
const INBOX_COLUMNS = `
      SELECT i.id, i.position, i.event_id, e.event_type, e.aggregate_id, i.officer_id, i.organization_id, i.language,
             COALESCE(e.titles ->> i.language, e.titles ->> 'en', '') AS title,
             COALESCE(e.summaries ->> i.language, e.summaries ->> 'en', '') AS summary,
             e.link,
             COALESCE(r.classification, e.classification) AS classification,
             COALESCE(r.origin_organization_id, e.origin_organization_id) AS origin_organization_id,
             COALESCE(r.author_id, e.author_id) AS author_id,
             COALESCE(r.audience_organizations, e.audience_organizations) AS audience_organizations,
             COALESCE(r.audience_officers, e.audience_officers) AS audience_officers,
             i.in_app, i.email, i.digest_id, i.withdrawn_at, i.read_at, i.created_at,
             p.classification AS parent_classification,
             p.origin_organization_id AS parent_origin_organization_id,
             p.author_id AS parent_author_id,
             p.audience_organizations AS parent_audience_organizations,
             p.audience_officers AS parent_audience_officers`;

const INBOX_FROM = `
        FROM notification_items i
        JOIN notification_events e ON e.event_id = i.event_id
        LEFT JOIN record_reach r ON r.aggregate_id = e.aggregate_id
        LEFT JOIN record_reach p ON p.aggregate_id = r.parent_id`;

/**
 * Every read of an item shows its times in its reader's zone, rendered again from the event's
 * message params (MessageParams1768800000000): the inbox view gives them with the item, from the
 * event row it joins already, so a page of items needs no query more.
 */
export class InboxMessageParams1768800000001 implements MigrationInterface {
  name = 'InboxMessageParams1768800000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    // An appended column: CREATE OR REPLACE VIEW keeps the existing ones in place.
    await queryRunner.query(`CREATE OR REPLACE VIEW notification_inbox AS ${INBOX_COLUMNS}, e.message_params ${INBOX_FROM}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW notification_inbox`);
    await queryRunner.query(`CREATE VIEW notification_inbox AS ${INBOX_COLUMNS} ${INBOX_FROM}`);
  }
}
