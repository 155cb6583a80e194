import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRegistry1764380100000 implements MigrationInterface {
  name = 'CreateRegistry1764380100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE organizations (
        id uuid PRIMARY KEY,
        acronym text NOT NULL,
        name text NOT NULL,
        kind text NOT NULL,
        region text NOT NULL,
        member_states text[] NOT NULL DEFAULT '{}',
        chapter_viii boolean NOT NULL DEFAULT false,
        website text,
        version int NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX organizations_acronym_key ON organizations (lower(acronym))`);
    await queryRunner.query(`CREATE INDEX organizations_page ON organizations (created_at DESC, id DESC)`);

    await queryRunner.query(`
      CREATE TABLE desks (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organizations (id),
        name text NOT NULL,
        countries text[] NOT NULL DEFAULT '{}',
        themes text[] NOT NULL DEFAULT '{}',
        closed_at timestamptz(3),
        version int NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX desks_organization ON desks (organization_id)`);
    await queryRunner.query(`CREATE INDEX desks_page ON desks (created_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX desks_countries ON desks USING gin (countries)`);
    await queryRunner.query(`CREATE INDEX desks_themes ON desks USING gin (themes)`);

    await queryRunner.query(`
      CREATE TABLE officers (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organizations (id),
        desk_id uuid REFERENCES desks (id),
        email text NOT NULL,
        name text NOT NULL,
        language text NOT NULL DEFAULT 'en',
        roles text[] NOT NULL DEFAULT '{officer}',
        password_hash text,
        left_at timestamptz(3),
        version int NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX officers_email_key ON officers (lower(email))`);
    await queryRunner.query(`CREATE INDEX officers_organization ON officers (organization_id)`);
    await queryRunner.query(`CREATE INDEX officers_page ON officers (created_at DESC, id DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE officers`);
    await queryRunner.query(`DROP TABLE desks`);
    await queryRunner.query(`DROP TABLE organizations`);
  }
}
