import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createTestDatabase } from '@liaison/testing';
import { keepConnectionLossFromEndingTheProcess } from '../src/connection-errors';
import { isDatabaseUnavailable } from '../src/postgres-errors';

// Real Postgres: the server ends the backend of a transaction while it waits between two statements
// (as when Postgres is killed or restarted). Without a listener on the connection, pg would raise an
// unhandled 'error' event there, which ends the process: the standalone, all five services at once.
describe('a connection lost between two statements', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  const lost: Error[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('connection_loss');
    dataSource = await new DataSource({ type: 'postgres', url: database.url, poolSize: 2 }).initialize();
    keepConnectionLossFromEndingTheProcess(dataSource, (error) => lost.push(error));
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('fails that transaction as an outage, and the process and its pool go on', async () => {
    const admin = new Client({ connectionString: database.url });
    await admin.connect();
    let failure: unknown;
    try {
      await dataSource.transaction(async (manager) => {
        const [{ pid }] = await manager.query('SELECT pg_backend_pid() AS pid');
        // no statement under way on this connection when its backend ends
        await admin.query('SELECT pg_terminate_backend($1)', [pid]);
        await new Promise((resolve) => setTimeout(resolve, 300));
        await manager.query('SELECT 1');
      });
    } catch (error) {
      failure = error;
    } finally {
      await admin.end();
    }
    expect(isDatabaseUnavailable(failure)).toBe(true);
    expect(lost.map((error) => (error as Error & { code?: string }).code)).toEqual(['57P01']);
    expect(await dataSource.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });
});
