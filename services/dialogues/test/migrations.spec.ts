// Real: Postgres (an empty database of this file's own). No NATS: only the schema is under test.
import { randomUUID } from 'node:crypto';
import { createTestDatabase } from '@liaison/testing';
import { DataSource } from 'typeorm';
import { CreateDialogues1767300000000 } from '../src/migrations/1767300000000-create-dialogues';
import { SeriesOwnIds1768700000000 } from '../src/migrations/1768700000000-series-own-ids';
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

  it("gives every series recorded under its first dialogue's id an id of its own, which names no dialogue", async () => {
    const [first, next, alone] = [randomUUID(), randomUUID(), randomUUID()];
    const insert = (id: string, previous: string | null, series: string) =>
      dataSource.query(
        `INSERT INTO dialogues (id, kind, title, participants, starts_at, previous_dialogue_id, series_id, classification, origin_organization_id, author_id, version)
         VALUES ($1, 'staff-level', 'UN–OSCE', '{}', now(), $2, $3, 'green', gen_random_uuid(), gen_random_uuid(), 1)`,
        [id, previous, series],
      );
    await insert(first, null, first);
    await insert(next, first, first);
    await insert(alone, null, alone);
    const seriesOf = async () =>
      Object.fromEntries(
        (await dataSource.query(`SELECT id, series_id FROM dialogues WHERE id = ANY($1)`, [[first, next, alone]])).map((row: { id: string; series_id: string }) => [row.id, row.series_id]),
      );
    const runner = dataSource.createQueryRunner();
    try {
      await new SeriesOwnIds1768700000000().up(runner);
      const renamed = await seriesOf();
      expect(renamed[first]).toBe(renamed[next]);
      expect(new Set([renamed[first], renamed[alone]]).size).toBe(2);
      expect([first, next, alone]).not.toContain(renamed[first]);
      expect([first, next, alone]).not.toContain(renamed[alone]);

      await new SeriesOwnIds1768700000000().down(runner);
      expect(await seriesOf()).toEqual({ [first]: first, [next]: first, [alone]: alone });
    } finally {
      await runner.release();
      await dataSource.query(`DELETE FROM dialogues WHERE id = ANY($1)`, [[next, first, alone]]);
    }
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
