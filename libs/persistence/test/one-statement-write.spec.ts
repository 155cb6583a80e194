import { Column, CreateDateColumn, DataSource, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { createTestDatabase } from '@liaison/testing';
import { OneStatementWrite } from '../src/one-statement-write';

@Entity({ name: 'notes' })
class Note {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  text: string;

  @Column('text', { array: true })
  tags: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}

// Real Postgres: what a service relies on is that the parts commit together or not at all,
// without a transaction around them, and that its entities come back with their dates.
describe('OneStatementWrite', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('one_statement_write');
    dataSource = await new DataSource({ type: 'postgres', url: database.url, entities: [Note] }).initialize();
    await dataSource.query(`CREATE TABLE notes (id uuid PRIMARY KEY, text text NOT NULL CHECK (text <> ''), tags text[] NOT NULL,
      created_at timestamptz(3) NOT NULL DEFAULT now(), updated_at timestamptz(3) NOT NULL DEFAULT now())`);
    await dataSource.query(`CREATE TABLE log (note_id uuid NOT NULL, line text NOT NULL)`);
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  const note = (text: string, tags: string[] = []) => dataSource.manager.create(Note, { id: uuidv7(), text, tags });
  const stored = async (ids: string[]) =>
    (await dataSource.query(`SELECT id, text, tags, xmin::text AS xmin FROM notes WHERE id = ANY($1::uuid[]) ORDER BY id`, [ids])) as Array<{
      id: string;
      text: string;
      tags: string[];
      xmin: string;
    }>;

  it('writes every part in one transaction and gives the entities the dates the database set', async () => {
    const notes = [note('Sahel', ['security']), note('Quote " backslash \\ brace { apostrophe \' comma ,', ['a,b', '{c}'])];
    const write = new OneStatementWrite();
    write.insert(dataSource.manager, Note, notes);
    write.part(`INSERT INTO log (note_id, line) SELECT unnest(${write.param(notes.map((n) => n.id))}::uuid[]), 'written' RETURNING 1`);
    const before = Date.now();
    await write.run(dataSource.manager);

    const rows = await stored(notes.map((n) => n.id));
    expect(rows.map(({ text, tags }) => ({ text, tags }))).toEqual(notes.map(({ text, tags }) => ({ text, tags })));
    expect(new Set(rows.map((row) => row.xmin)).size).toBe(1);
    const [{ logged }] = await dataSource.query(`SELECT count(*)::int AS logged FROM log WHERE note_id = ANY($1::uuid[])`, [notes.map((n) => n.id)]);
    expect(logged).toBe(2);
    for (const written of notes) {
      expect(written.createdAt).toBeInstanceOf(Date);
      expect(Math.abs(written.createdAt.getTime() - before)).toBeLessThan(5_000);
      expect(written.updatedAt.getTime()).toBe(written.createdAt.getTime());
    }
  });

  it('writes the dates the entities carry when asked to', async () => {
    const at = new Date('2026-03-01T12:34:56.789Z');
    const written = Object.assign(note('dated'), { createdAt: at, updatedAt: at });
    const write = new OneStatementWrite();
    write.insert(dataSource.manager, Note, [written], { datesFromEntities: true });
    await write.run(dataSource.manager);
    const [row] = await dataSource.query(`SELECT created_at FROM notes WHERE id = $1`, [written.id]);
    expect((row.created_at as Date).toISOString()).toBe(at.toISOString());
    expect(written.createdAt.toISOString()).toBe(at.toISOString());
  });

  it('writes nothing of any part when one part fails', async () => {
    const notes = [note('kept?'), note('')]; // the second breaks the CHECK
    const write = new OneStatementWrite();
    write.part(`INSERT INTO log (note_id, line) VALUES (${write.param(notes[0].id)}, 'before') RETURNING 1`);
    write.insert(dataSource.manager, Note, notes);
    await expect(write.run(dataSource.manager)).rejects.toThrow(/check constraint/);
    expect(await stored(notes.map((n) => n.id))).toEqual([]);
    expect(await dataSource.query(`SELECT 1 FROM log WHERE note_id = $1`, [notes[0].id])).toEqual([]);
  });

  it('evaluates what comes afterwards once, after the parts, even when nobody reads a part', async () => {
    const write = new OneStatementWrite();
    const part = write.part(`INSERT INTO log (note_id, line) VALUES (${write.param(uuidv7())}, 'afterwards') RETURNING 1`);
    const listener = await dataSource.createQueryRunner();
    await listener.connect();
    const notified: string[] = [];
    const client = (listener as unknown as { databaseConnection: import('pg').PoolClient }).databaseConnection;
    client.on('notification', (message) => notified.push(message.payload ?? ''));
    await client.query('LISTEN one_statement_write');
    try {
      write.afterwards(`SELECT pg_notify('one_statement_write', count(*)::text) FROM ${part}`);
      await write.run(dataSource.manager);
      for (let waited = 0; notified.length === 0 && waited < 2_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(notified).toEqual(['1']);
    } finally {
      await listener.release();
    }
  });

  it('sends nothing when it has no part', async () => {
    await expect(new OneStatementWrite().run(dataSource.manager)).resolves.toBeUndefined();
  });
});
