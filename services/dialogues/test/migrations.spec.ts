// Real: Postgres (an empty database of this file's own). No NATS: only the schema is under test.
import { createTestDatabase } from '@liaison/testing';
import { DataSource } from 'typeorm';
import { CreateDialogues1767300000000 } from '../src/migrations/1767300000000-create-dialogues';
import { dialoguesMigrations } from '../src/migrations';

const TABLES = ['briefs', 'dialogues', 'initiatives', 'recommendation_status_changes', 'recommendations'];

/** A new deployment starts from an empty database: the migrations alone build the schema the service reads and writes. */
describe('dialogues migrations, from an empty database', () => {
  let database: { url: string; drop: () => Promise<void> };
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('dialogues_migrations');
    dataSource = new DataSource({ type: 'postgres', url: database.url, migrations: dialoguesMigrations, migrationsTransactionMode: 'each' });
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
    expect(ran.map((migration) => migration.name).sort()).toEqual(dialoguesMigrations.map((migration) => migration.name).sort());
    expect(await dataSource.showMigrations()).toBe(false);
    expect(await ownTables()).toEqual(TABLES);
  });

  it('indexes a brief for search in its own language (French stems), and keeps the GIN pending lists short', async () => {
    await dataSource.query(
      `INSERT INTO briefs (id, title, body, language, classification, origin_organization_id, author_id, version)
       VALUES (gen_random_uuid(), 'Les élections', 'Des observateurs', 'fr', 'green', gen_random_uuid(), gen_random_uuid(), 1)`,
    );
    const found = await dataSource.query(`SELECT title FROM briefs WHERE search @@ websearch_to_tsquery(dialogues_text_config('fr'), 'élection observateur')`);
    expect(found).toEqual([{ title: 'Les élections' }]);
    const options = await dataSource.query(
      `SELECT relname, reloptions FROM pg_class WHERE relname IN ('briefs_search', 'briefs_countries', 'briefs_themes') ORDER BY relname`,
    );
    expect(options).toEqual(['briefs_countries', 'briefs_search', 'briefs_themes'].map((relname) => ({ relname, reloptions: ['gin_pending_list_limit=256'] })));
  });

  it('reverts to an empty schema of its own, and builds it again', async () => {
    const runner = dataSource.createQueryRunner();
    try {
      await new CreateDialogues1767300000000().down(runner);
      expect(await ownTables()).toEqual([]);
      await new CreateDialogues1767300000000().up(runner);
      expect(await ownTables()).toEqual(TABLES);
    } finally {
      await runner.release();
    }
  });
});
