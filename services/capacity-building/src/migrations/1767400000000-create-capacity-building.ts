import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Programmes, their milestones and their followers. A programme has the columns the visibility
 * rule reads (audience lists `uuid[] NOT NULL DEFAULT '{}'`: a NULL array would make `= ANY`
 * unknown, i.e. unseen); a milestone is seen by whoever sees its programme, so it has none.
 */
export class CreateCapacityBuilding1767400000000 implements MigrationInterface {
  name = 'CreateCapacityBuilding1767400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE programmes (
        id uuid PRIMARY KEY,
        title text NOT NULL,
        partner_organization_id uuid NOT NULL,
        scope text NOT NULL,
        focus_areas text[] NOT NULL DEFAULT '{}',
        starts_on date,
        ends_on date,
        status text NOT NULL,
        closed_on date,
        classification text NOT NULL,
        audience_organizations uuid[] NOT NULL DEFAULT '{}',
        audience_officers uuid[] NOT NULL DEFAULT '{}',
        origin_organization_id uuid NOT NULL,
        author_id uuid NOT NULL,
        version int NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT programmes_dates CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on)
      )`);
    await queryRunner.query(`CREATE INDEX programmes_page ON programmes (created_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX programmes_partner ON programmes (partner_organization_id)`);
    await queryRunner.query(`CREATE INDEX programmes_focus_areas ON programmes USING gin (focus_areas)`);

    await queryRunner.query(`
      CREATE TABLE milestones (
        id uuid PRIMARY KEY,
        programme_id uuid NOT NULL REFERENCES programmes (id),
        title text NOT NULL,
        description text,
        due_on date NOT NULL,
        status text NOT NULL,
        completed_on date,
        note text,
        author_id uuid NOT NULL,
        version int NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT milestones_completion CHECK ((status = 'completed') = (completed_on IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX milestones_programme ON milestones (programme_id, created_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX milestones_page ON milestones (created_at DESC, id DESC)`);
    // what the delay check reads: only milestones still open
    await queryRunner.query(`CREATE INDEX milestones_open_due ON milestones (due_on) WHERE status = 'planned'`);

    // A row per officer who ever followed; unfollowing keeps it (following = false) so that the
    // view can tell, and taking part again follows again.
    await queryRunner.query(`
      CREATE TABLE programme_followers (
        programme_id uuid NOT NULL REFERENCES programmes (id),
        officer_id uuid NOT NULL,
        following boolean NOT NULL,
        since timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (programme_id, officer_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE programme_followers`);
    await queryRunner.query(`DROP TABLE milestones`);
    await queryRunner.query(`DROP TABLE programmes`);
  }
}
