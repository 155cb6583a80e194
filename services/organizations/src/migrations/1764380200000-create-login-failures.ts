import { MigrationInterface, QueryRunner } from 'typeorm';

/** Failed logins per account (the address as typed, lower case, whether or not it is registered). */
export class CreateLoginFailures1764380200000 implements MigrationInterface {
  name = 'CreateLoginFailures1764380200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE login_failures (
        account text PRIMARY KEY,
        failures int NOT NULL,
        last_failure_at timestamptz(3) NOT NULL,
        blocked_until timestamptz(3) NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE login_failures`);
  }
}
