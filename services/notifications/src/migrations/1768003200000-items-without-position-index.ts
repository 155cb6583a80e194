import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Items are read by `position` only within one officer's inbox, through the feed index
 * (officer_id, position): the inbox list, the live feed and its resume point. The index on
 * `position` alone served no read, and every fanned-out item paid for it: an entry at the end of
 * a fourth btree, ~15 % of an item's insert (60,000 items of 100 per event: 33 → 28 µs a row).
 * `position` stays unique without it: it is an identity column, which nothing writes but its
 * sequence (GENERATED ALWAYS).
 *
 * CONCURRENTLY, so the drop does not hold an exclusive lock on the table the fan-out writes to
 * while it waits for running queries; that cannot run inside a transaction.
 */
export class ItemsWithoutPositionIndex1768003200000 implements MigrationInterface {
  name = 'ItemsWithoutPositionIndex1768003200000';
  transaction = false;

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS notification_items_position`);
  }

  // Not CONCURRENTLY: TypeORM 1.1 reverts inside a transaction whatever `transaction` says.
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE UNIQUE INDEX IF NOT EXISTS notification_items_position ON notification_items (position)`);
  }
}
