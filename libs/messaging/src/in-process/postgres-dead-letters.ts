import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { createPool } from '@liaison/persistence';
import { type DeadLetter, type DeadLetterFilter, compareDeadLetters, parseEvent } from '../event-bus';
import type { DeadLetterStore, NewDeadLetter } from './dead-letter-store';

interface DeadLetterRow {
  id: string;
  consumer: string;
  subject: string;
  event: string;
  traceparent: string | null;
  deliveries: number;
  error: string;
  dead_at: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The in-process bus's dead letters in the `dead_letters` table (messagingMigrations) of the
 * consuming service's own database: a consumer `<service>__<subject>` writes to `<service>`'s.
 * So they outlive a restart of the standalone host, and a service's dead letters stay with its
 * data. A database whose migrations have not run yet has none.
 */
export class PostgresDeadLetters implements DeadLetterStore {
  private readonly pools = new Map<string, Pool>();

  /** `databases`: each service's name and database URL */
  constructor(databases: ReadonlyMap<string, string>) {
    for (const [service, url] of databases) {
      this.pools.set(service, createPool({ connectionString: url, max: 2, application_name: `liaison-${service}-dead-letters` }));
    }
  }

  async add(letter: NewDeadLetter): Promise<DeadLetter> {
    const pool = this.pools.get(letter.consumer.slice(0, letter.consumer.indexOf('__')));
    if (!pool) throw new Error(`No database keeps the dead letters of consumer ${letter.consumer}`);
    const { rows } = await pool.query<DeadLetterRow>(
      `INSERT INTO dead_letters (id, consumer, subject, event_id, event, traceparent, deliveries, error)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (consumer, event_id) DO UPDATE
         SET id = EXCLUDED.id, subject = EXCLUDED.subject, event = EXCLUDED.event, traceparent = EXCLUDED.traceparent,
             deliveries = EXCLUDED.deliveries, error = EXCLUDED.error, dead_at = now()
       RETURNING *`,
      [randomUUID(), letter.consumer, letter.subject, letter.eventId, letter.json, letter.traceparent ?? null, letter.deliveries, letter.error],
    );
    return asDeadLetter(rows[0]);
  }

  async list(filter: DeadLetterFilter & { limit: number }): Promise<DeadLetter[]> {
    if (filter.after && !UUID.test(filter.after.id)) return []; // not a position this store gave
    const found: DeadLetter[] = [];
    // a service's dead letters are in its own database
    const pools = filter.service ? [this.pools.get(filter.service)].filter((pool): pool is Pool => !!pool) : [...this.pools.values()];
    for (const pool of await this.migrated(pools)) {
      const { rows } = await pool.query<DeadLetterRow>(
        `SELECT * FROM dead_letters
          WHERE ($1::text IS NULL OR consumer = $1)
            AND ($2::text IS NULL OR starts_with(consumer, $2))
            AND ($3::timestamptz IS NULL OR (date_trunc('milliseconds', dead_at), id) > ($3::timestamptz, $4::uuid))
          ORDER BY date_trunc('milliseconds', dead_at), id
          LIMIT $5`,
        [filter.consumer ?? null, filter.service ? `${filter.service}__` : null, filter.after?.deadAt ?? null, filter.after?.id ?? null, filter.limit],
      );
      found.push(...rows.map(asDeadLetter));
    }
    return found.sort(compareDeadLetters).slice(0, filter.limit);
  }

  async get(id: string): Promise<DeadLetter | undefined> {
    if (!UUID.test(id)) return undefined;
    for (const pool of await this.migrated()) {
      const { rows } = await pool.query<DeadLetterRow>(`SELECT * FROM dead_letters WHERE id = $1`, [id]);
      if (rows[0]) return asDeadLetter(rows[0]);
    }
    return undefined;
  }

  async remove(id: string): Promise<boolean> {
    if (!UUID.test(id)) return false;
    for (const pool of await this.migrated()) {
      const { rowCount } = await pool.query(`DELETE FROM dead_letters WHERE id = $1`, [id]);
      if (rowCount) return true;
    }
    return false;
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.end()));
  }

  /** The pools of the databases that have the table (a service not migrated yet has no dead letters). */
  private async migrated(pools = [...this.pools.values()]): Promise<Pool[]> {
    const ready = await Promise.all(
      pools.map(async (pool) => (await pool.query<{ found: string | null }>(`SELECT to_regclass('dead_letters') AS found`)).rows[0].found !== null),
    );
    return pools.filter((_, index) => ready[index]);
  }
}

function asDeadLetter(row: DeadLetterRow): DeadLetter {
  return {
    id: row.id,
    subject: row.subject,
    consumer: row.consumer,
    deliveries: row.deliveries,
    error: row.error,
    event: parseEvent(row.event),
    traceparent: row.traceparent ?? undefined,
    deadAt: row.dead_at,
  };
}
