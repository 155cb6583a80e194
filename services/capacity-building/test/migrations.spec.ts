// Real: Postgres (an empty database of this file's own). No NATS: only the schema is under test.
import { createTestDatabase } from '@liaison/testing';
import { DataSource } from 'typeorm';
import { CreateCapacityBuilding1767400000000 } from '../src/migrations/1767400000000-create-capacity-building';
import { capacityBuildingMigrations } from '../src/migrations';

const TABLES = ['milestones', 'programme_followers', 'programmes'];

/** A new deployment starts from an empty database: the migrations alone build the schema the service reads and writes. */
describe('capacity-building migrations, from an empty database', () => {
  let database: { url: string; drop: () => Promise<void> };
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('cb_migrations');
    dataSource = new DataSource({ type: 'postgres', url: database.url, migrations: capacityBuildingMigrations, migrationsTransactionMode: 'each' });
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
    expect(ran.map((migration) => migration.name)).toEqual(capacityBuildingMigrations.map((migration) => migration.name));
    expect(await dataSource.showMigrations()).toBe(false);
    expect(await ownTables()).toEqual(TABLES);
  });

  it('refuses a programme ending before it starts, and a completed milestone without its date', async () => {
    const programme = `INSERT INTO programmes (id, title, partner_organization_id, scope, status, starts_on, ends_on, classification, origin_organization_id, author_id, version)
                       VALUES ($1, 'P', gen_random_uuid(), 'mediation', 'active', $2, $3, 'green', gen_random_uuid(), gen_random_uuid(), 1)`;
    await expect(dataSource.query(programme, ['0190c2a4-0000-7000-8000-000000000001', '2027-06-01', '2027-05-31'])).rejects.toThrow(/programmes_dates/);
    await dataSource.query(programme, ['0190c2a4-0000-7000-8000-000000000002', '2027-06-01', '2027-06-30']);
    await expect(
      dataSource.query(
        `INSERT INTO milestones (id, programme_id, title, due_on, status, author_id, version)
         VALUES (gen_random_uuid(), '0190c2a4-0000-7000-8000-000000000002', 'M', '2027-06-10', 'completed', gen_random_uuid(), 1)`,
      ),
    ).rejects.toThrow(/milestones_completion/);
  });

  it('reverts to an empty schema of its own, and builds it again', async () => {
    const runner = dataSource.createQueryRunner();
    try {
      await new CreateCapacityBuilding1767400000000().down(runner);
      expect(await ownTables()).toEqual([]);
      await new CreateCapacityBuilding1767400000000().up(runner);
      expect(await ownTables()).toEqual(TABLES);
    } finally {
      await runner.release();
    }
  });
});
