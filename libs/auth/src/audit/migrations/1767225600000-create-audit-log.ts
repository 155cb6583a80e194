import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAuditLog1767225600000 implements MigrationInterface {
  name = 'CreateAuditLog1767225600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_log (
        id uuid PRIMARY KEY,
        at timestamptz NOT NULL,
        actor_officer_id uuid,
        actor_organization_id uuid,
        action text NOT NULL,
        resource_type text NOT NULL,
        resource_id uuid,
        request_id text,
        traceparent text,
        details jsonb NOT NULL DEFAULT '{}'
      )`);
    await queryRunner.query(`CREATE INDEX audit_log_resource_idx ON audit_log (resource_type, resource_id, at)`);
    await queryRunner.query(`CREATE INDEX audit_log_actor_organization_idx ON audit_log (actor_organization_id, at)`);
    // An audit trail that can be edited proves nothing: rows are only ever added.
    await queryRunner.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE audit_log`);
    await queryRunner.query(`DROP FUNCTION audit_log_append_only()`);
  }
}
