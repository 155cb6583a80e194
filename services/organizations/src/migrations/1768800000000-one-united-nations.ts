import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One organization of kind united-nations, kept by the database too: other services take every
 * organization of that kind for the UN (in every amber audience, its administrators run their
 * operations). A registry that already holds another stops the upgrade, naming them, rather than
 * re-kinding them here, where no event would tell the other services.
 */
export class OneUnitedNations1768800000000 implements MigrationInterface {
  name = 'OneUnitedNations1768800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const others: Array<{ id: string; acronym: string }> = await queryRunner.query(
      `SELECT id, acronym FROM organizations WHERE kind = 'united-nations' AND lower(acronym) <> 'un' ORDER BY created_at, id`,
    );
    if (others.length > 0) {
      const named = others.map((organization) => `${organization.acronym} (${organization.id})`).join(', ');
      throw new Error(
        `The registry holds organizations of kind united-nations besides the UN: ${named}. ` +
          'Liaison keeps that kind for the UN alone. With the release running now, change their kind ' +
          '(PATCH /api/v1/organizations/{id}), then upgrade again.',
      );
    }
    await queryRunner.query(`CREATE UNIQUE INDEX organizations_one_united_nations ON organizations (kind) WHERE kind = 'united-nations'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX organizations_one_united_nations`);
  }
}
