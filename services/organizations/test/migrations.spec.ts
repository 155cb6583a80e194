// Real: Postgres (an empty database of this file's own). No NATS: only the schema is under test.
import { createTestDatabase } from '@liaison/testing';
import { DataSource } from 'typeorm';
import { OneUnitedNations1768800000000 } from '../src/migrations/1768800000000-one-united-nations';
import { organizationsMigrations } from '../src/migrations';

/** Other services take every organization of kind united-nations for the UN, so the registry holds one. */
describe('organizations migrations: one organization of kind united-nations', () => {
  let database: { url: string; drop: () => Promise<void> };
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('organizations_migrations');
    dataSource = new DataSource({ type: 'postgres', url: database.url, migrations: organizationsMigrations, migrationsTransactionMode: 'each' });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const register = (acronym: string, kind: string) =>
    dataSource.query(
      `INSERT INTO organizations (id, acronym, name, kind, region, version) VALUES (gen_random_uuid(), $1, $1, $2, 'global', 1) RETURNING id`,
      [acronym, kind],
    );

  it('stops the upgrade of a registry that holds a second one, naming it, and changes nothing', async () => {
    const before = organizationsMigrations.filter((migration) => migration !== OneUnitedNations1768800000000);
    const earlier = new DataSource({ type: 'postgres', url: database.url, migrations: before, migrationsTransactionMode: 'each' });
    await earlier.initialize();
    try {
      await earlier.runMigrations({ transaction: 'each' });
    } finally {
      await earlier.destroy();
    }
    await register('UN', 'united-nations');
    const [{ id: undp }] = await register('UNDP', 'united-nations');

    await expect(dataSource.runMigrations({ transaction: 'each' })).rejects.toThrow(
      new RegExp(`kind united-nations besides the UN: UNDP \\(${undp}\\).*change their kind`),
    );
    expect(await dataSource.showMigrations()).toBe(true);

    // Once its kind is changed, the upgrade goes through and the database keeps the rule.
    await dataSource.query(`UPDATE organizations SET kind = 'other' WHERE id = $1`, [undp]);
    await dataSource.runMigrations({ transaction: 'each' });
    expect(await dataSource.showMigrations()).toBe(false);
    await expect(register('UNICEF', 'united-nations')).rejects.toThrow(/organizations_one_united_nations/);
    await register('AU', 'regional');
    expect(await dataSource.query(`SELECT acronym FROM organizations WHERE kind = 'united-nations'`)).toEqual([{ acronym: 'UN' }]);
  });
});
