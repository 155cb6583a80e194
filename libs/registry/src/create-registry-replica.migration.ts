import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRegistryReplica1767225700000 implements MigrationInterface {
  name = 'CreateRegistryReplica1767225700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE registry_organizations (
        id uuid PRIMARY KEY,
        acronym text NOT NULL,
        name text NOT NULL,
        kind text NOT NULL,
        region text NOT NULL,
        member_states text[] NOT NULL DEFAULT '{}',
        chapter_viii boolean NOT NULL DEFAULT false,
        version int NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE registry_desks (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL,
        name text,
        countries text[] NOT NULL DEFAULT '{}',
        themes text[] NOT NULL DEFAULT '{}',
        closed boolean NOT NULL DEFAULT false,
        version int NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX registry_desks_organization ON registry_desks (organization_id)`);
    await queryRunner.query(`
      CREATE TABLE registry_officers (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL,
        desk_id uuid,
        email text,
        name text,
        language text NOT NULL DEFAULT 'en',
        roles text[] NOT NULL DEFAULT '{}',
        "left" boolean NOT NULL DEFAULT false,
        version int NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX registry_officers_organization ON registry_officers (organization_id) WHERE NOT "left"`);
    await queryRunner.query(`CREATE INDEX registry_officers_desk ON registry_officers (desk_id) WHERE NOT "left"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE registry_officers`);
    await queryRunner.query(`DROP TABLE registry_desks`);
    await queryRunner.query(`DROP TABLE registry_organizations`);
  }
}

export const registryMigrations = [CreateRegistryReplica1767225700000];
