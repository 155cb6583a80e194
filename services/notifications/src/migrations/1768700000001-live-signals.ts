import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the live feeds are told besides new items: that a record an officer could see was
 * reclassified or withdrawn (kind and id, no content), so a screen showing it reads it again.
 * One row per officer with an open feed; the feed reads its own in `position` order, which the
 * feed-order lock makes commit order. Worth a few minutes only, so pruned as rows are added, and
 * unlogged like live_feeds.
 */
export class LiveSignals1768700000001 implements MigrationInterface {
  name = 'LiveSignals1768700000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE UNLOGGED TABLE live_signals (
        position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        officer_id uuid NOT NULL,
        kind text NOT NULL,
        record_id text NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX live_signals_by_officer ON live_signals (officer_id, position)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE live_signals`);
  }
}
