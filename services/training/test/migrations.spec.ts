// Real: Postgres (an empty database of this file's own). No NATS: only the schema is under test.
import { createTestDatabase } from '@liaison/testing';
import { DataSource } from 'typeorm';
import { CreateTraining1767400000000 } from '../src/migrations/1767400000000-create-training';
import { trainingMigrations } from '../src/migrations';

const TABLES = ['certificates', 'courses', 'enrolments', 'sessions'];

/** A new deployment starts from an empty database: the migrations alone build the schema the service reads and writes. */
describe('training migrations, from an empty database', () => {
  let database: { url: string; drop: () => Promise<void> };
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('training_migrations');
    dataSource = new DataSource({ type: 'postgres', url: database.url, migrations: trainingMigrations, migrationsTransactionMode: 'each' });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const ownTables = async () =>
    (await dataSource.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name = ANY($1) ORDER BY 1`, [TABLES])).map(
      (row: { table_name: string }) => row.table_name,
    );

  it('runs every migration once, and nothing is pending afterwards', async () => {
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    expect(ran.map((migration) => migration.name).sort()).toEqual(trainingMigrations.map((migration) => migration.name).sort());
    expect(await dataSource.showMigrations()).toBe(false);
    expect(await ownTables()).toEqual(TABLES);
  });

  it('holds one live enrolment per officer and session, and refuses a session ending before it starts', async () => {
    const [course] = await dataSource.query(
      `INSERT INTO courses (id, title, topic, origin_organization_id, author_id, version) VALUES (gen_random_uuid(), 'C', 'mediation', gen_random_uuid(), gen_random_uuid(), 1) RETURNING id`,
    );
    const session = (startsAt: string, endsAt: string) =>
      dataSource.query(
        `INSERT INTO sessions (id, course_id, starts_at, ends_at, seats, organizers, online, status, classification, origin_organization_id, author_id, version)
         VALUES (gen_random_uuid(), $1, $2, $3, 1, '{}', false, 'scheduled', 'green', gen_random_uuid(), gen_random_uuid(), 1) RETURNING id`,
        [course.id, startsAt, endsAt],
      );
    await expect(session('2027-03-02T09:00:00Z', '2027-03-01T09:00:00Z')).rejects.toThrow(/check/);
    const [{ id: sessionId }] = await session('2027-03-01T09:00:00Z', '2027-03-02T09:00:00Z');
    const officer = '0190c2a4-0000-7000-8000-0000000000aa';
    const enrol = (status: string) =>
      dataSource.query(
        `INSERT INTO enrolments (id, session_id, course_id, officer_id, organization_id, status, waitlist_position, enrolled_by, version)
         VALUES (gen_random_uuid(), $1, $2, $3, gen_random_uuid(), $4, $5, $3, 1)`,
        [sessionId, course.id, officer, status, status === 'waitlisted' ? 1 : null],
      );
    await enrol('withdrawn');
    await enrol('confirmed');
    await expect(enrol('waitlisted')).rejects.toThrow(/enrolments_one_live_per_officer/);
  });

  it('reverts to an empty schema of its own, and builds it again', async () => {
    const runner = dataSource.createQueryRunner();
    try {
      await new CreateTraining1767400000000().down(runner);
      expect(await ownTables()).toEqual([]);
      await new CreateTraining1767400000000().up(runner);
      expect(await ownTables()).toEqual(TABLES);
    } finally {
      await runner.release();
    }
  });
});
