import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The inbox view as RecordReach1768348800000 made it: the record's own reach only. */
const INBOX_OWN_REACH = `
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
        LEFT JOIN record_reach r ON r.aggregate_id = e.aggregate_id`;

/**
 * A child record follows its parent's reach. A milestone is seen by whoever may see its
 * programme, a recommendation by whoever may see its dialogue, but each is a record of its own
 * whose events carry the parent's reach as it was then. `record_reach.parent_id` names the parent
 * (from the child's events), and the inbox view adds the parent's reach as it is now
 * (`parent_*`, NULL where the record has no parent or its parent is not known here): every read
 * applies the rule to both, so raising a programme or narrowing its audience reaches its
 * milestones' items at once, in one join, without a row written per child.
 */
export class ParentReach1768500000002 implements MigrationInterface {
  name = 'ParentReach1768500000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE record_reach ADD COLUMN parent_id text`);
    // a parent's reclassification finds the partner systems told of its children through it
    await queryRunner.query(`CREATE INDEX record_reach_parent ON record_reach (parent_id) WHERE parent_id IS NOT NULL`);
    // Appended columns: CREATE OR REPLACE VIEW keeps the existing ones in place.
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
             i.in_app, i.email, i.digest_id, i.withdrawn_at, i.read_at, i.created_at,
             p.classification AS parent_classification,
             p.origin_organization_id AS parent_origin_organization_id,
             p.author_id AS parent_author_id,
             p.audience_organizations AS parent_audience_organizations,
             p.audience_officers AS parent_audience_officers
        FROM notification_items i
        JOIN notification_events e ON e.event_id = i.event_id
        LEFT JOIN record_reach r ON r.aggregate_id = e.aggregate_id
        LEFT JOIN record_reach p ON p.aggregate_id = r.parent_id`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW notification_inbox`);
    await queryRunner.query(INBOX_OWN_REACH);
    await queryRunner.query(`DROP INDEX record_reach_parent`);
    await queryRunner.query(`ALTER TABLE record_reach DROP COLUMN parent_id`);
  }
}
