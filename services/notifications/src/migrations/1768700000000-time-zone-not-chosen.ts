import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An officer's time zone is NULL until they choose one, so a client can tell "not chosen" (it
 * then uses its own zone) from a saved UTC; the digest takes UTC for NULL. Rows never changed
 * since they were made (updated_at = created_at) hold the old default, not a choice.
 */
export class TimeZoneNotChosen1768700000000 implements MigrationInterface {
  name = 'TimeZoneNotChosen1768700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE notification_preferences ALTER COLUMN timezone DROP NOT NULL, ALTER COLUMN timezone DROP DEFAULT`);
    await queryRunner.query(`UPDATE notification_preferences SET timezone = NULL WHERE timezone = 'UTC' AND updated_at = created_at`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE notification_preferences SET timezone = 'UTC' WHERE timezone IS NULL`);
    await queryRunner.query(`ALTER TABLE notification_preferences ALTER COLUMN timezone SET DEFAULT 'UTC', ALTER COLUMN timezone SET NOT NULL`);
  }
}
