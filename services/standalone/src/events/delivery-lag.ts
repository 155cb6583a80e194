import type { Pool } from 'pg';
import { createPool } from '@liaison/persistence';

/** how often each service's lag is read */
const SAMPLE_EVERY_MS = 100;

/**
 * How far behind each service's event delivery is: the age of its oldest unsent outbox row. In
 * the standalone host a row is marked sent only once every local consumer has committed it, so
 * that age is how long the oldest event not yet delivered everywhere has waited. Read through the
 * index of unsent rows (its first entry), a few times a second, on a connection per service.
 *
 * The gateway refuses new writes to a service that is further behind than the bound: one event
 * loop takes the requests and delivers the events, and without a bound a load heavier than the
 * delivery can carry would be taken in at full speed while the delivery fell ever further behind.
 */
export class DeliveryLag {
  private readonly lags = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;
  private sampling = false;

  private constructor(
    private readonly pools: ReadonlyMap<string, Pool>,
    readonly limitMs: number,
  ) {
    this.timer = setInterval(() => void this.sample(), SAMPLE_EVERY_MS);
    this.timer.unref();
  }

  /** `databases`: each service's name and database URL. */
  static watch(databases: ReadonlyArray<{ name: string; url: string }>, limitMs: number): DeliveryLag {
    return new DeliveryLag(
      new Map(databases.map(({ name, url }) => [name, createPool({ connectionString: url, max: 1, application_name: 'liaison-standalone-lag' })])),
      limitMs,
    );
  }

  /** How long the service's oldest undelivered event has waited, in ms, when past the bound; else undefined. */
  behind(service: string): number | undefined {
    const lag = this.lags.get(service) ?? 0;
    return this.limitMs > 0 && lag > this.limitMs ? lag : undefined;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all([...this.pools.values()].map((pool) => pool.end()));
  }

  private async sample(): Promise<void> {
    if (this.sampling) return; // a slow round (a busy machine) is not stacked on
    this.sampling = true;
    try {
      await Promise.all(
        [...this.pools].map(async ([name, pool]) => {
          const { rows } = await pool.query<{ lag: number | null }>({
            name: 'delivery-lag',
            text: `SELECT (extract(epoch FROM clock_timestamp() - min(created_at)) * 1000)::float8 AS lag FROM outbox WHERE sent_at IS NULL`,
          });
          this.lags.set(name, rows[0].lag ?? 0);
        }),
      );
    } catch {
      // a service whose outbox is not there yet, or Postgres stopping: the last figures stand
    } finally {
      this.sampling = false;
    }
  }
}
