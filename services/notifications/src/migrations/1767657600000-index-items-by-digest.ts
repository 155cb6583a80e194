import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A digest e-mail reads its items by `digest_id`, which had no index: every digest sent was a
 * sequential scan of all inbox items. Partial (only rows already put in a digest), so the fan-out,
 * which inserts items with no digest, never pays for it; the digest scheduler's UPDATE does.
 *
 * CONCURRENTLY, so building it does not block the fan-out's inserts; that cannot run inside a
 * transaction. A build that failed half-way leaves an invalid index behind: it is dropped first.
 */
export class IndexItemsByDigest1767657600000 implements MigrationInterface {
  name = 'IndexItemsByDigest1767657600000';
  transaction = false;

  async up(queryRunner: QueryRunner): Promise<void> {
    const invalid: unknown[] = await queryRunner.query(
      `SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        WHERE c.relname = 'notification_items_by_digest' AND NOT i.indisvalid`,
    );
    if (invalid.length > 0) await queryRunner.query(`DROP INDEX CONCURRENTLY notification_items_by_digest`);
    await queryRunner.query(
      `CREATE INDEX CONCURRENTLY IF NOT EXISTS notification_items_by_digest ON notification_items (digest_id) WHERE digest_id IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS notification_items_by_digest`);
  }
}
