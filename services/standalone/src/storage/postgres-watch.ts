import { setTimeout as sleep } from 'node:timers/promises';
import type { EmbeddedPostgres } from './embedded-postgres';

/** How often the host looks whether its Postgres is still there. */
const LOOK_EVERY_MS = 1_000;
/** How long a Postgres that stopped unexpectedly is tried again before the host gives up. */
const RESTART_WITHIN_MS = 60_000;

export interface PostgresWatchEvents {
  /** a line for the operator: the server stopped, or is back */
  say(line: string): void;
  /** the server could not be started again: the host cannot go on */
  gaveUp(error: Error): void;
}

/**
 * Keeps the host's Postgres running: nobody else starts it again when it stops without the host
 * asking (the machine's out-of-memory killer, say). Until it is back the services answer 503 with
 * Retry-After and their delivery waits, as they do through an outage of a shared Postgres.
 */
export class PostgresWatch {
  private readonly timer: NodeJS.Timeout;
  /** a look (and the restart it found needed) under way */
  private looking: Promise<void> | undefined;
  private closed = false;

  private constructor(
    private readonly server: EmbeddedPostgres,
    private readonly events: PostgresWatchEvents,
  ) {
    this.timer = setInterval(() => this.look(), LOOK_EVERY_MS);
    this.timer.unref();
  }

  static start(server: EmbeddedPostgres, events: PostgresWatchEvents): PostgresWatch {
    return new PostgresWatch(server, events);
  }

  /** Stops looking; a restart under way ends first, so that the host's stop finds the server as it left it. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.looking;
  }

  private look(): void {
    if (this.looking || this.closed) return;
    this.looking = (async () => {
      if (!(await this.server.running()) && !this.closed) await this.startAgain();
    })()
      .catch((error: unknown) => this.events.gaveUp(error instanceof Error ? error : new Error(String(error))))
      .finally(() => (this.looking = undefined));
  }

  private async startAgain(): Promise<void> {
    const stoppedAt = Date.now();
    this.events.say(`the embedded Postgres stopped unexpectedly (its log: ${this.server.log}): starting it again; until then requests are answered 503`);
    for (;;) {
      if (this.closed) return;
      try {
        await this.server.restart();
        this.events.say(`the embedded Postgres is running again, ${((Date.now() - stoppedAt) / 1000).toFixed(1)} s after it stopped`);
        return;
      } catch (error) {
        // what is left of the old server (its last backends ending) may hold the cluster a moment longer
        if (Date.now() - stoppedAt > RESTART_WITHIN_MS) {
          this.events.gaveUp(new Error(`the embedded Postgres stopped and could not be started again within ${RESTART_WITHIN_MS / 1000} s: ${(error as Error).message}`));
          return;
        }
        await sleep(LOOK_EVERY_MS);
      }
    }
  }
}
