import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A stream ticket remembers when the token it was issued to expires: the feed it opens ends then. */
export class StreamTicketTokenExpiry1768400000000 implements MigrationInterface {
  name = 'StreamTicketTokenExpiry1768400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE stream_tickets ADD COLUMN token_expires_at timestamptz(3)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE stream_tickets DROP COLUMN token_expires_at`);
  }
}
