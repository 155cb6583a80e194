import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A rotated webhook secret keeps signing beside the new one until the overlap ends. Secrets in
 * clear from before encryption are sealed by the service at its next start (the key is in its
 * environment, not the migration's).
 */
export class WebhookSecretRotation1768500000000 implements MigrationInterface {
  name = 'WebhookSecretRotation1768500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE webhook_endpoints ADD COLUMN previous_secret text, ADD COLUMN previous_secret_expires_at timestamptz(3)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE webhook_endpoints DROP COLUMN previous_secret, DROP COLUMN previous_secret_expires_at`);
  }
}
