import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A withdrawal finds its items and webhook deliveries through the events they are about:
 * `notification_events` has a row per event that made any (event → aggregate). Items are reached
 * by `event_id`, the first column of their unique (event_id, officer_id) index, deliveries by
 * their unique (endpoint_id, event_id). The items' own index on `aggregate_id` goes: it cost
 * every fanned-out item an index entry (a quarter of its insert, measured on 200,000 items: 36 →
 * 27 µs a row), where an event row costs one per event. Deliveries were found by a scan of the
 * whole delivery log for `payload ->> 'subject'`.
 *
 * Upgrade with the previous version's notifications replicas stopped (as a deployment replaces
 * its one replica): items such a replica writes after this ran would have no event row, and a
 * later withdrawal would not find them.
 *
 * Not in a transaction, so the index goes CONCURRENTLY (no exclusive lock on the table the
 * fan-out writes to while it waits for running queries).
 */
export class ItemsByEvent1767830400000 implements MigrationInterface {
  name = 'ItemsByEvent1767830400000';
  transaction = false;

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS notification_events (
        event_id uuid PRIMARY KEY,
        aggregate_id text NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS notification_events_aggregate ON notification_events (aggregate_id)`);
    await queryRunner.query(`
      INSERT INTO notification_events (event_id, aggregate_id)
      SELECT DISTINCT ON (event_id) event_id, aggregate_id FROM notification_items
      ON CONFLICT DO NOTHING`);
    // only deliveries still to be sent can be cancelled
    await queryRunner.query(`
      INSERT INTO notification_events (event_id, aggregate_id)
      SELECT DISTINCT ON (event_id) event_id, payload ->> 'subject' FROM webhook_deliveries
       WHERE status IN ('pending', 'sending') AND payload ->> 'subject' IS NOT NULL
      ON CONFLICT DO NOTHING`);
    await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS notification_items_aggregate`);
  }

  // Not CONCURRENTLY: TypeORM 1.1 reverts inside a transaction whatever `transaction` says.
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS notification_items_aggregate ON notification_items (aggregate_id)`);
    await queryRunner.query(`DROP TABLE IF EXISTS notification_events`);
  }
}
