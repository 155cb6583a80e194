import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The message parameters of an event whose messages show a time (a dialogue's or a session's
 * start), NULL for the others. Its titles and summaries are rendered once for every reader; an
 * e-mail renders them again from these, with every time in its reader's chosen zone.
 */
export class MessageParams1768800000000 implements MigrationInterface {
  name = 'MessageParams1768800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE notification_events ADD COLUMN message_params jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE notification_events DROP COLUMN message_params`);
  }
}
