import { Client } from 'pg';
import { assertTestDatabase, createTestDatabase } from './test-database';

describe('test databases', () => {
  it('refuses a database whose name does not say it is for tests', () => {
    expect(() => assertTestDatabase('postgres://postgres@127.0.0.1:5432/liaison')).toThrow(/must contain "test"/);
    expect(() => assertTestDatabase('postgres://postgres@127.0.0.1:5432/liaison_test_x')).not.toThrow();
  });

  it('gives each test file a fresh, empty database of its own', async () => {
    const a = await createTestDatabase('first');
    const b = await createTestDatabase('first');
    try {
      expect(a.url).not.toEqual(b.url);
      const client = new Client({ connectionString: a.url });
      await client.connect();
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`);
      await client.end();
      expect(rows[0].n).toBe(0);
    } finally {
      await a.drop();
      await b.drop();
    }
  });
});
