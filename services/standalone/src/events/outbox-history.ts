import type { Pool } from 'pg';
import { createPool } from '@liaison/persistence';
import type { EventHistory, HistoricEvent } from '@liaison/messaging';

/**
 * The standalone host's event history: the outbox rows of every service database (sent rows
 * stay for OUTBOX_RETENTION_HOURS, the registry's for good), oldest first. A consumer on a new database is fed from here, as a JetStream
 * consumer would be fed from the stream. A database whose outbox does not exist yet (a service
 * whose migrations have not run) has no history.
 */
export class OutboxHistory implements EventHistory {
  private readonly pools: Pool[];

  constructor(databaseUrls: readonly string[]) {
    this.pools = databaseUrls.map((url) => createPool({ connectionString: url, max: 1, application_name: 'liaison-standalone-history' }));
  }

  async *read(subject: string): AsyncIterable<HistoricEvent> {
    for (const pool of this.pools) {
      const exists = await pool.query<{ outbox: string | null }>(`SELECT to_regclass('outbox') AS outbox`);
      if (!exists.rows[0].outbox) continue;
      const { rows } = await pool.query<{ id: string; event: string; traceparent: string | null }>(
        `SELECT id, event, traceparent FROM outbox WHERE subject = $1 ORDER BY created_at, id`,
        [subject],
      );
      for (const row of rows) yield { event: { id: row.id, json: row.event }, traceparent: row.traceparent ?? undefined };
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.pools.map((pool) => pool.end()));
  }
}
