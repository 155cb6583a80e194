import { Pool, type PoolConfig } from 'pg';

/**
 * A pg pool of its own, beside TypeORM's (which looks after its own): an idle connection lost when
 * Postgres stops or restarts is dropped and the next query connects anew, where an `'error'` event
 * with no listener would end the process.
 */
export function createPool(config: PoolConfig): Pool {
  const pool = new Pool(config);
  pool.on('error', () => undefined);
  return pool;
}
