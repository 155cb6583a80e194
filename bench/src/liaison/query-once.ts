import { Client } from 'pg';

/** One statement on a connection of its own, closed after: for the harness's reads between loads. */
export async function queryOnce<T>(databaseUrl: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}
