import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createTestDatabase } from '@liaison/testing';
import { isDatabaseUnavailable } from '../src/postgres-errors';

// Real Postgres: a transaction whose connection is cut under it (a crash, a fast shutdown) is an
// outage to wait out (503 to a request, a paused consumer), not a bug; however TypeORM reports it.
describe('isDatabaseUnavailable', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('database_unavailable');
    dataSource = await new DataSource({ type: 'postgres', url: database.url, poolSize: 2 }).initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('recognises a transaction whose connection was terminated, on the statement cut and on those after it', async () => {
    const admin = new Client({ connectionString: database.url });
    await admin.connect();
    const errors: unknown[] = [];
    try {
      await dataSource
        .transaction(async (manager) => {
          const [{ pid }] = await manager.query('SELECT pg_backend_pid() AS pid');
          // two statements of the transaction under way when the server ends its backend
          const cut = Promise.allSettled([manager.query('SELECT pg_sleep(2)'), manager.query('SELECT 1')]);
          await new Promise((resolve) => setTimeout(resolve, 200));
          await admin.query('SELECT pg_terminate_backend($1)', [pid]);
          for (const outcome of await cut) if (outcome.status === 'rejected') errors.push(outcome.reason);
          await manager.query('SELECT 2').catch((error: unknown) => errors.push(error));
        })
        .catch((error: unknown) => errors.push(error));
    } finally {
      await admin.end();
    }
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.map((error) => [(error as Error).name, isDatabaseUnavailable(error)])).toEqual(errors.map((error) => [(error as Error).name, true]));
    // and the pool serves again
    expect(await dataSource.query('SELECT 3 AS n')).toEqual([{ n: 3 }]);
  });

  it('leaves a statement that fails on its own to its caller', async () => {
    const error = await dataSource.query('SELECT 1/0').catch((e: unknown) => e);
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
