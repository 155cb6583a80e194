import { MigrationInterface, QueryRunner } from 'typeorm';

/** Pages sessions soonest start first (`?order=startsAt`) and finds those starting in a window (`from`, `to`). */
export class SessionsStartPage1769100000000 implements MigrationInterface {
  name = 'SessionsStartPage1769100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX sessions_start_page ON sessions (starts_at, id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX sessions_start_page`);
  }
}
