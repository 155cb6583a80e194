import { MigrationInterface, QueryRunner } from 'typeorm';

/** Pages dialogues soonest start first (`?order=startsAt`) and finds those starting in a window (`from`, `to`). */
export class DialoguesStartPage1769100000000 implements MigrationInterface {
  name = 'DialoguesStartPage1769100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX dialogues_start_page ON dialogues (starts_at, id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX dialogues_start_page`);
  }
}
