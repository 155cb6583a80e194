import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Courses, sessions, enrolments and certificates. Sessions have the columns the visibility rule
 * reads (audience lists `uuid[] NOT NULL DEFAULT '{}'`: a NULL array would make `= ANY` unknown).
 * One officer holds at most one live enrolment per session (the partial unique index), whatever
 * the number of replicas enrolling at once.
 */
export class CreateTraining1767400000000 implements MigrationInterface {
  name = 'CreateTraining1767400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE courses (
        id uuid PRIMARY KEY,
        title text NOT NULL,
        topic text NOT NULL,
        description text,
        languages text[] NOT NULL DEFAULT '{}',
        origin_organization_id uuid NOT NULL,
        author_id uuid NOT NULL,
        version int NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX courses_page ON courses (created_at DESC, id DESC)`);

    await queryRunner.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY,
        course_id uuid NOT NULL REFERENCES courses (id),
        starts_at timestamptz(3) NOT NULL,
        ends_at timestamptz(3) NOT NULL,
        seats int NOT NULL CHECK (seats > 0),
        organizers uuid[] NOT NULL,
        eligible_organizations uuid[] NOT NULL DEFAULT '{}',
        location text,
        online boolean NOT NULL,
        status text NOT NULL,
        cancel_reason text,
        classification text NOT NULL,
        audience_organizations uuid[] NOT NULL DEFAULT '{}',
        audience_officers uuid[] NOT NULL DEFAULT '{}',
        origin_organization_id uuid NOT NULL,
        author_id uuid NOT NULL,
        version int NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at)
      )`);
    await queryRunner.query(`CREATE INDEX sessions_page ON sessions (created_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX sessions_course ON sessions (course_id)`);

    await queryRunner.query(`
      CREATE TABLE enrolments (
        id uuid PRIMARY KEY,
        session_id uuid NOT NULL REFERENCES sessions (id),
        course_id uuid NOT NULL REFERENCES courses (id),
        officer_id uuid NOT NULL,
        organization_id uuid NOT NULL,
        status text NOT NULL,
        waitlist_position int,
        attended boolean,
        completed_on date,
        certificate_id uuid,
        enrolled_by uuid NOT NULL,
        version int NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CHECK ((status = 'waitlisted') = (waitlist_position IS NOT NULL))
      )`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX enrolments_one_live_per_officer ON enrolments (session_id, officer_id)
        WHERE status IN ('confirmed', 'waitlisted', 'completed')`);
    await queryRunner.query(`CREATE INDEX enrolments_session ON enrolments (session_id, status)`);
    await queryRunner.query(`CREATE INDEX enrolments_officer ON enrolments (officer_id)`);
    await queryRunner.query(`CREATE INDEX enrolments_page ON enrolments (created_at DESC, id DESC)`);

    await queryRunner.query(`
      CREATE TABLE certificates (
        id uuid PRIMARY KEY,
        enrolment_id uuid NOT NULL UNIQUE REFERENCES enrolments (id),
        session_id uuid NOT NULL REFERENCES sessions (id),
        course_id uuid NOT NULL REFERENCES courses (id),
        officer_id uuid NOT NULL,
        organization_id uuid NOT NULL,
        holder_name text NOT NULL,
        holder_organization jsonb NOT NULL,
        issuers jsonb NOT NULL,
        course_title text NOT NULL,
        session_starts_at timestamptz(3) NOT NULL,
        session_ends_at timestamptz(3) NOT NULL,
        session_location text,
        session_online boolean NOT NULL,
        issued_on date NOT NULL,
        revoked_at timestamptz(3),
        revoke_reason text,
        revoked_by uuid,
        version int NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE certificates`);
    await queryRunner.query(`DROP TABLE enrolments`);
    await queryRunner.query(`DROP TABLE sessions`);
    await queryRunner.query(`DROP TABLE courses`);
  }
}
