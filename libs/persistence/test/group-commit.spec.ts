import { AsyncLocalStorage } from 'node:async_hooks';
import { Pool } from 'pg';
import { createTestDatabase } from '@liaison/testing';
import { attempt, GroupCommit, type Outcome, type Queued } from '../src/group-commit';

interface Note {
  key: string;
  text: string;
}

// Real Postgres: the writer is what a service writes, a batch of rows in one transaction, with
// a job refused on its own (empty text) and a database error (a duplicate key) that breaks the
// whole batch.
describe('GroupCommit', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let pool: Pool;
  const requests = new AsyncLocalStorage<string>();
  const transactions: number[] = [];

  /** Writes each batch with one INSERT; records which request each row was written for. */
  async function writeNotes(batch: readonly Queued<Note>[]): Promise<Outcome<string>[]> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const outcomes = batch.map(({ job }) =>
        attempt(() => {
          if (!job.text) throw new Error(`note ${job.key} has no text`);
          return job.key;
        }),
      );
      const accepted = batch.filter((_, index) => 'value' in outcomes[index]);
      const { rows } = await client.query<{ xid: string }>(
        `INSERT INTO notes (key, text, request) SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) RETURNING txid_current()::text AS xid`,
        [
          accepted.map(({ job }) => job.key),
          accepted.map(({ job }) => job.text),
          accepted.map((queued) => queued.inCallerContext(() => requests.getStore() ?? null)),
        ],
      );
      await client.query('COMMIT');
      if (rows[0]) transactions.push(Number(rows[0].xid));
      return outcomes;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }

  const notes = new GroupCommit<Note, string>(writeNotes);
  const submit = (note: Note, request = `request-${note.key}`) => requests.run(request, () => notes.submit(note));
  const stored = async () => (await pool.query<{ key: string; request: string }>('SELECT key, request FROM notes ORDER BY key')).rows;

  beforeAll(async () => {
    database = await createTestDatabase('group_commit');
    pool = new Pool({ connectionString: database.url, max: 4 });
    await pool.query('CREATE TABLE notes (key text PRIMARY KEY, text text NOT NULL, request text)');
  });

  beforeEach(async () => {
    await pool.query('TRUNCATE notes');
    transactions.length = 0;
  });

  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  it('a lone job is written at once, in its own transaction', async () => {
    await expect(submit({ key: 'a', text: 'alone' })).resolves.toBe('a');
    expect(await stored()).toEqual([{ key: 'a', request: 'request-a' }]);
  });

  it('jobs submitted while a batch is written share the next transaction, each written in its caller\'s context', async () => {
    const keys = Array.from({ length: 30 }, (_, index) => `k${String(index).padStart(2, '0')}`);
    const results = await Promise.all(keys.map((key) => submit({ key, text: 'together' })));
    expect(results).toEqual(keys);
    expect(await stored()).toEqual(keys.map((key) => ({ key, request: `request-${key}` })));
    // The first goes alone; the 29 that arrived while it committed go together.
    expect(transactions).toHaveLength(2);
  });

  it('a job refused on its own fails only its call, and nothing of it is written', async () => {
    const calls = ['a', 'b', 'c', 'd', 'e'].map((key) => submit({ key, text: key === 'c' ? '' : 'text' }));
    const settled = await Promise.allSettled(calls);
    expect(settled.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((settled[2] as PromiseRejectedResult).reason.message).toBe('note c has no text');
    expect((await stored()).map((row) => row.key)).toEqual(['a', 'b', 'd', 'e']);
  });

  it('a database error breaks the batch, and each job is written again alone: only the culprit fails', async () => {
    await submit({ key: 'taken', text: 'first' });
    transactions.length = 0;
    const calls = ['p', 'q', 'taken', 'r', 's'].map((key) => submit({ key, text: 'text' }, `again-${key}`));
    const settled = await Promise.allSettled(calls);
    expect(settled.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((settled[2] as PromiseRejectedResult).reason.message).toMatch(/duplicate key/);
    expect(await stored()).toEqual([
      { key: 'p', request: 'again-p' },
      { key: 'q', request: 'again-q' },
      { key: 'r', request: 'again-r' },
      { key: 's', request: 'again-s' },
      { key: 'taken', request: 'request-taken' },
    ]);
  });

  it('a batch holds at most maxBatch jobs', async () => {
    const sizes: number[] = [];
    const small = new GroupCommit<Note, string>(
      async (batch) => {
        sizes.push(batch.length);
        return writeNotes(batch);
      },
      { maxBatch: 4 },
    );
    const keys = Array.from({ length: 10 }, (_, index) => `m${index}`);
    await Promise.all(keys.map((key) => small.submit({ key, text: 'small' })));
    expect(sizes).toEqual([1, 4, 4, 1]);
    expect(await stored()).toHaveLength(10);
  });
});
