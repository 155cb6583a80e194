import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The live feeds open on every replica, so the per-officer cap holds for the deployment: each
 * open feed holds a lease its replica renews; one whose replica died expires. Short-lived and
 * rebuilt by the next connections, so the table is unlogged.
 */
export class LiveFeeds1768500000001 implements MigrationInterface {
  name = 'LiveFeeds1768500000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE UNLOGGED TABLE live_feeds (
        id uuid PRIMARY KEY,
        officer_id uuid NOT NULL,
        expires_at timestamptz(3) NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX live_feeds_by_officer ON live_feeds (officer_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE live_feeds`);
  }
}
