import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A series was known by its first dialogue's id, which every later dialogue showed: to a reader who
 * may not see that first dialogue, a hint that it exists. Each series now has an id of its own.
 */
export class SeriesOwnIds1768700000000 implements MigrationInterface {
  name = 'SeriesOwnIds1768700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      WITH series AS (SELECT DISTINCT series_id AS first_id FROM dialogues),
           renamed AS (SELECT first_id, gen_random_uuid() AS series_id FROM series)
      UPDATE dialogues SET series_id = renamed.series_id FROM renamed WHERE dialogues.series_id = renamed.first_id`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // back to the first dialogue's id: the one of the series that continues no other
    await queryRunner.query(`
      UPDATE dialogues SET series_id = first.id
        FROM dialogues first WHERE first.series_id = dialogues.series_id AND first.previous_dialogue_id IS NULL`);
  }
}
