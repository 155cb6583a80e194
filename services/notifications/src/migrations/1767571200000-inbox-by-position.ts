import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inbox list is read newest first by `position` (commit order) through the feed index
 * (officer_id, position), so its own index (officer_id, created_at DESC, id DESC) goes: every
 * fanned-out item paid for it, and, leading with officer_id, it touched a random leaf page per
 * row, which bounded the fan-out.
 *
 * CONCURRENTLY, so the drop does not hold an exclusive lock on the table the fan-out writes to
 * while it waits for running queries; that cannot run inside a transaction.
 */
export class InboxByPosition1767571200000 implements MigrationInterface {
  name = 'InboxByPosition1767571200000';
  transaction = false;

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS notification_items_inbox`);
  }

  // Not CONCURRENTLY: TypeORM 1.1 reverts inside a transaction whatever `transaction` says.
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS notification_items_inbox ON notification_items (officer_id, created_at DESC, id DESC)`);
  }
}
