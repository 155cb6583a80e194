import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Columns that were the same on every item of one event, and move to the event's row as they are. */
const SHARED = ['event_type', 'link', 'classification', 'origin_organization_id', 'author_id', 'audience_organizations', 'audience_officers'];
const EVENT_COLUMNS = SHARED.join(', ');
/** What an item loses: those, its event's brief, and its texts in its own language. */
const ITEM_COLUMNS = [...SHARED, 'aggregate_id', 'title', 'summary'];
/** What an event's row gains: those, and its texts in every language. */
const ADDED_EVENT_COLUMNS = [...SHARED, 'titles', 'summaries'];

const dropping = (columns: readonly string[]) => columns.map((column) => `DROP COLUMN ${column}`).join(', ');

/**
 * What is the same for every item of one event (its type and brief, its texts in each language,
 * its link, classification, origin, author and audience) is kept once, on the event's row in
 * `notification_events`, instead of on each of its items. An item keeps who it is for, in which
 * language, through which channels, and its own state (read, withdrawn, digest).
 *
 * Why: every fanned-out item paid for writing those columns, ~465 bytes a row where the rest is
 * ~120, and their WAL; a fan-out of 100 wrote the same texts and arrays 100 times. Reads join the
 * event's row through the view `notification_inbox`, which has the columns the items had, so
 * every read (inbox, live feed, e-mails) and the classification rule over it are unchanged.
 *
 * Titles and summaries are kept per language as jsonb objects ({"en": "…", "fr": "…"}), so the
 * languages' order is nowhere implied; an item's `language` is always one of them.
 *
 * Upgrade with the previous version's notifications replicas stopped (as a deployment replaces
 * its one replica): they write the dropped columns.
 */
export class EventTextsOnEvents1768176000000 implements MigrationInterface {
  name = 'EventTextsOnEvents1768176000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE notification_events
        ADD COLUMN event_type text,
        ADD COLUMN titles jsonb,
        ADD COLUMN summaries jsonb,
        ADD COLUMN link text,
        ADD COLUMN classification text,
        ADD COLUMN origin_organization_id uuid,
        ADD COLUMN author_id uuid,
        ADD COLUMN audience_organizations uuid[],
        ADD COLUMN audience_officers uuid[]`);
    await queryRunner.query(`
      UPDATE notification_events e
         SET (${EVENT_COLUMNS}) = (SELECT ${EVENT_COLUMNS} FROM notification_items i WHERE i.event_id = e.event_id LIMIT 1)
       WHERE EXISTS (SELECT 1 FROM notification_items i WHERE i.event_id = e.event_id)`);
    await queryRunner.query(`
      UPDATE notification_events e SET titles = t.titles, summaries = t.summaries
        FROM (SELECT event_id, jsonb_object_agg(language, title) AS titles, jsonb_object_agg(language, summary) AS summaries
                FROM notification_items GROUP BY event_id) t
       WHERE t.event_id = e.event_id`);
    await queryRunner.query(`ALTER TABLE notification_items ${dropping(ITEM_COLUMNS)}`);
    // An item's language is one of the event's (fan-out); English is there for any other.
    await queryRunner.query(`
      CREATE VIEW notification_inbox AS
      SELECT i.id, i.position, i.event_id, e.event_type, e.aggregate_id, i.officer_id, i.organization_id, i.language,
             COALESCE(e.titles ->> i.language, e.titles ->> 'en', '') AS title,
             COALESCE(e.summaries ->> i.language, e.summaries ->> 'en', '') AS summary,
             e.link, e.classification, e.origin_organization_id, e.author_id, e.audience_organizations, e.audience_officers,
             i.in_app, i.email, i.digest_id, i.withdrawn_at, i.read_at, i.created_at
        FROM notification_items i
        JOIN notification_events e ON e.event_id = i.event_id`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW IF EXISTS notification_inbox`);
    await queryRunner.query(`
      ALTER TABLE notification_items
        ADD COLUMN event_type text,
        ADD COLUMN aggregate_id text,
        ADD COLUMN title text,
        ADD COLUMN summary text,
        ADD COLUMN link text,
        ADD COLUMN classification text,
        ADD COLUMN origin_organization_id uuid,
        ADD COLUMN author_id uuid,
        ADD COLUMN audience_organizations uuid[] DEFAULT '{}',
        ADD COLUMN audience_officers uuid[] DEFAULT '{}'`);
    await queryRunner.query(`
      UPDATE notification_items i
         SET (${EVENT_COLUMNS}, aggregate_id) = (${SHARED.map((column) => `e.${column}`).join(', ')}, e.aggregate_id),
             title = COALESCE(e.titles ->> i.language, e.titles ->> 'en', ''),
             summary = COALESCE(e.summaries ->> i.language, e.summaries ->> 'en', '')
        FROM notification_events e
       WHERE e.event_id = i.event_id`);
    // one statement, so the table is scanned once for all of them
    await queryRunner.query(`ALTER TABLE notification_items ${ITEM_COLUMNS.map((column) => `ALTER COLUMN ${column} SET NOT NULL`).join(', ')}`);
    await queryRunner.query(`ALTER TABLE notification_events ${dropping(ADDED_EVENT_COLUMNS)}`);
  }
}
