import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An officer's time zone is NULL until they choose one, so a client can tell "not chosen" (it
 * then uses its own zone) from a saved UTC; the digest takes UTC for NULL. A stored UTC cannot
 * be told from the old default (a first PATCH choosing UTC left the row as made), and clients
 * read it as "not chosen" until now, so it becomes NULL: what each officer saw stays the same.
 */
export class TimeZoneNotChosen1768700000000 implements MigrationInterface {
  name = 'TimeZoneNotChosen1768700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE notification_preferences ALTER COLUMN timezone DROP NOT NULL, ALTER COLUMN timezone DROP DEFAULT`);
    await queryRunner.query(`UPDATE notification_preferences SET timezone = NULL WHERE timezone = 'UTC'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE notification_preferences SET timezone = 'UTC' WHERE timezone IS NULL`);
    await queryRunner.query(`ALTER TABLE notification_preferences ALTER COLUMN timezone SET DEFAULT 'UTC', ALTER COLUMN timezone SET NOT NULL`);
  }
}
