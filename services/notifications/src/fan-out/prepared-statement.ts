import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';

interface PgClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/** A statement's name, by its text. */
const names = new Map<string, string>();

/**
 * Runs `text` as a named prepared statement on the transaction's connection, with the plan
 * Postgres made once for the connection instead of a new plan per call.
 *
 * Why: the fan-out query unions one index lookup per subscription filter. Postgres planned it
 * anew for every call (a custom plan for each parameter set): 1.5–5 ms of planning for 0.3–1.5 ms
 * of execution. Its generic plan uses the same indexes whatever the values, and the services'
 * connections keep generic plans for prepared statements (`plan_cache_mode`, set in
 * postgresDataSourceOptions). The statement's name is derived from its text, so each variant of
 * the SQL is prepared once per connection (node-postgres keeps track of it).
 */
export async function queryPrepared<T>(manager: EntityManager, text: string, values: unknown[]): Promise<T[]> {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) throw new Error('queryPrepared needs the EntityManager of an active transaction');
  const client = (await runner.connect()) as PgClient;
  let name = names.get(text);
  if (!name) {
    name = `liaison_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    names.set(text, name);
  }
  const result = await client.query({ name, text, values });
  return result.rows as T[];
}
