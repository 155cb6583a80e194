import { Client } from 'pg';
import { connect } from '@nats-io/transport-node';

/**
 * Where the tests find their servers: DATABASE_URL / NATS_URL, else the local defaults that
 * the development machines and CI run, else containers where Docker exists.
 */
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';
export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';

export function testDatabaseAdminUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

export function testNatsUrl(): string {
  return process.env.NATS_URL || DEFAULT_NATS_URL;
}

export async function postgresAnswers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function natsAnswers(url: string): Promise<boolean> {
  try {
    const nc = await connect({ servers: url, timeout: 2000, reconnect: false });
    const info = nc.info;
    await nc.close();
    return Boolean(info?.jetstream ?? true);
  } catch {
    return false;
  }
}
