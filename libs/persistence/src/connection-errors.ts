import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * pg raises an `'error'` event on a connection that loses its server when it has no statement under
 * way; with no listener, that ends the whole process (the standalone: all five services). pg-pool
 * listens only while a connection is idle in the pool, and TypeORM only while it holds one: a second
 * error on a connection TypeORM has just given back broken, or one met between checkout and
 * TypeORM's listener, had none. A listener on every connection for its whole life closes those
 * gaps; the pool and TypeORM still drop the broken connection, and the request answers as any
 * other outage does.
 */
export function keepConnectionLossFromEndingTheProcess(dataSource: DataSource, onLost: (error: Error) => void = () => undefined): void {
  const pool = (dataSource.driver as unknown as { master?: Pool }).master;
  if (!pool) return;
  const guarded = new WeakSet<PoolClient>();
  const guard = (client: PoolClient) => {
    if (guarded.has(client)) return;
    guarded.add(client);
    client.on('error', onLost);
  };
  pool.on('connect', guard);
  pool.on('acquire', guard);
}
