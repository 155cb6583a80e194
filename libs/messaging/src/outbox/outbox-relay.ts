import { Logger, type LoggerService } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { PoolClient, Pool } from 'pg';
import type { EventBus } from '../event-bus';
import { errorMessage } from '../event-bus';
import { OUTBOX_CHANNEL } from '../wire-names';

export interface OutboxRelayOptions {
  /** rows claimed and published per round (default 400) */
  batchSize?: number;
  /** fallback wake-up when no notification arrives (a lost LISTEN connection, another writer) */
  pollIntervalMs?: number;
  /** first and longest wait after a failure (NATS or Postgres down); doubles in between */
  retryDelayMs?: { first: number; max: number };
  /** sent rows older than this are deleted (default 7 days); 0 keeps them forever */
  retainSentMs?: number;
  /** subjects whose sent rows are kept whatever their age (the standalone host's registry history) */
  keepSubjects?: readonly string[];
  /** where its lines go; Nest's process-wide logger by default (a service passes its own, see ServiceLog) */
  logger?: LoggerService;
  /**
   * For crash tests only: lets a test kill the process at the exact point (rows claimed but not
   * published; published but not marked sent).
   */
  hooks?: { beforePublish?: (eventIds: string[]) => Promise<void>; beforeMarkSent?: (eventIds: string[]) => Promise<void> };
}

interface ClaimedRow {
  id: string;
  subject: string;
  /** the event's JSON text, published as it is */
  event: string;
  traceparent: string | null;
}

/** how often the relay looks for sent rows past the retention, when the last look found few */
const RETENTION_EVERY_MS = 10 * 60 * 1000;

/**
 * Sent rows deleted per statement: a round of the relay deletes at most this many, so a large
 * backlog of old rows (a first prune, a raised retention lowered) is taken in steps between
 * publishing rounds and never holds up the next claim for long.
 */
const PRUNE_BATCH = 2_000;

/**
 * Unsent rows a claim looks at per row it takes: replicas that claim at the same moment skip each
 * other's rows; one that finds only others' rows waits for the next notification or poll.
 */
const CANDIDATES_PER_ROW = 8;

/** The first key of the relays' advisory locks (the second is taken from the event id): "outb". */
const OUTBOX_LOCKS = 0x6f757462;

/**
 * Publishes outbox rows and marks them sent. Safe with any number of replicas: a relay claims a
 * batch with session advisory locks on its own connection, one a row, so a row is in one relay's
 * hands at a time; a relay that dies loses its connection and with it its locks, and the next
 * round of any relay re-sends the row, which JetStream drops by event id. So does a rare repeat
 * between live relays: a claim reads the outbox as it was when its statement began, so if
 * another relay's mark commits and that relay lets go of the rows while the claim runs, the claim
 * can lock a row that was just sent. Rows
 * of one batch are published in parallel: consumers order by the aggregate's `sequence`, not by
 * arrival.
 *
 * A batch costs two statements: the claim (a read, which first lets go of the previous batch's
 * locks) and the mark.
 * A transaction held open across the publish (BEGIN, SELECT FOR UPDATE, UPDATE, COMMIT) would
 * cost twice the round trips, and a round trip costs more CPU in the caller and in Postgres than
 * these statements. A claim that wrote a lease on each row would cost a row version each, and
 * more planning and execution than the whole read. Marks commit with
 * `synchronous_commit = off`: a mark lost in a crash of Postgres only re-sends events that
 * JetStream then drops.
 */
export class OutboxRelay {
  private readonly logger: LoggerService;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly retryDelayMs: { first: number; max: number };
  private readonly retainSentMs: number;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private notified = false;
  private listener: PoolClient | undefined;
  private lastPruneAt = 0;
  /**
   * Published, not yet marked sent (the mark failed: the database went away). Marked before
   * anything is claimed again rather than published again: past the stream's duplicate window
   * (an outage longer than it), a second publish would be a second copy in the stream.
   */
  private unmarked: string[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: EventBus,
    private readonly options: OutboxRelayOptions = {},
  ) {
    this.logger = options.logger ?? new Logger(OutboxRelay.name);
    // Large enough that under a heavy load the relay keeps up although each round (a claim, the
    // publishes and a mark) waits on a busy event loop; a lighter load still sends what is there,
    // in smaller rounds.
    this.batchSize = options.batchSize ?? 400;
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.retryDelayMs = options.retryDelayMs ?? { first: 500, max: 30_000 };
    this.retainSentMs = options.retainSentMs ?? 7 * 24 * 60 * 60 * 1000;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Finishes the batch under way, then stops. */
  async stop(): Promise<void> {
    this.running = false;
    this.wakeUp();
    await this.loop;
    await this.stopListening();
  }

  /** True once notifications wake the relay (false before start, on PGlite, or while reconnecting). */
  isListening(): boolean {
    return this.listener !== undefined;
  }

  /** Claims, publishes and marks one batch; returns how many rows were published. */
  async publishBatch(): Promise<number> {
    await this.ensureListening();
    const connection = this.listener;
    if (!connection) return this.publishBatchInTransaction();
    if (this.unmarked.length > 0) {
      await connection.query({ name: 'outbox-mark-sent', text: `UPDATE outbox SET sent_at = now() WHERE id = ANY($1::uuid[])`, values: [this.unmarked] });
      this.unmarked = [];
    }
    // First the claims of the previous batch are let go: its mark has committed by now, so no
    // relay that sees the rows unsent can lock them any more (let go in the mark itself, before
    // its commit, they could be published twice by competing relays). Then the oldest unsent rows
    // are the candidates, in order; the lock is tried on each in turn until the batch is full
    // (the outer LIMIT stops pulling rows), so the rows returned are the rows locked.
    const { rows } = await connection.query<ClaimedRow>({
      name: 'outbox-claim',
      text: `WITH released AS MATERIALIZED (SELECT count(*) AS n FROM (SELECT pg_advisory_unlock_all()) unlocked)
             SELECT id, subject, event, traceparent FROM (
               SELECT id, subject, event, traceparent FROM outbox
                WHERE sent_at IS NULL AND (SELECT n FROM released) = 1
                ORDER BY created_at, id
                LIMIT $2) candidate
              WHERE pg_try_advisory_lock($3, ('x' || right(id::text, 8))::bit(32)::int)
              LIMIT $1`,
      values: [this.batchSize, this.batchSize * CANDIDATES_PER_ROW, OUTBOX_LOCKS],
    });
    if (rows.length === 0) return 0;
    const sent = await this.publishRows(rows);
    if (sent.length === 0) throw new Error(`none of ${rows.length} events could be published`);
    this.unmarked = sent;
    await this.options.hooks?.beforeMarkSent?.(sent);
    await connection.query({ name: 'outbox-mark-sent', text: `UPDATE outbox SET sent_at = now() WHERE id = ANY($1::uuid[])`, values: [sent] });
    this.unmarked = [];
    return sent.length;
  }

  /** Without a connection of its own (not the pg driver, e.g. PGlite): claimed FOR UPDATE, published before COMMIT. */
  private async publishBatchInTransaction(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: ClaimedRow[] = await manager.query(
        `SELECT id, subject, event, traceparent FROM outbox
          WHERE sent_at IS NULL
          ORDER BY created_at, id
          LIMIT $1
          FOR UPDATE SKIP LOCKED`,
        [this.batchSize],
      );
      if (rows.length === 0) return 0;
      const sent = await this.publishRows(rows);
      if (sent.length === 0) throw new Error(`none of ${rows.length} events could be published`);
      await this.options.hooks?.beforeMarkSent?.(sent);
      await manager.query(`UPDATE outbox SET sent_at = now() WHERE id = ANY($1::uuid[])`, [sent]);
      return sent.length;
    });
  }

  /** Publishes the claimed rows together; returns the ids of those JetStream acknowledged. */
  private async publishRows(rows: readonly ClaimedRow[]): Promise<string[]> {
    const ids = rows.map((row) => row.id);
    await this.options.hooks?.beforePublish?.(ids);
    const outcomes = await Promise.allSettled(
      rows.map((row) => this.bus.publishSerialized(row.subject, { id: row.id, json: row.event }, row.traceparent ?? undefined)),
    );
    outcomes.forEach((outcome, index) => {
      if (outcome.status === 'rejected') {
        this.logger.warn(`Event ${ids[index]} (${rows[index].subject}) not published, will retry: ${errorMessage(outcome.reason)}`);
      }
    });
    return ids.filter((_, index) => outcomes[index].status === 'fulfilled');
  }

  /**
   * Deletes up to PRUNE_BATCH sent rows older than the retention (never an unsent row, never one
   * of `keepSubjects`); returns how many. The stream, not the outbox, is the history. Rows are
   * found through the index of sent rows, oldest first, and rows another relay is deleting are
   * skipped, not waited for. The claim reads the index of unsent rows only, so what is deleted
   * here is not in its way.
   */
  async pruneSent(): Promise<number> {
    const [, affected] = await this.dataSource.query(
      `DELETE FROM outbox WHERE id IN (
         SELECT id FROM outbox
          WHERE sent_at IS NOT NULL AND sent_at < now() - make_interval(secs => $1) AND subject <> ALL($2::text[])
          ORDER BY sent_at
          LIMIT $3
          FOR UPDATE SKIP LOCKED)`,
      [this.retainSentMs / 1000, this.options.keepSubjects ?? [], PRUNE_BATCH],
    );
    return Number(affected ?? 0);
  }

  /** A prune between two rounds; one that fails is tried at the next look, and publishing goes on. */
  private async pruneInTurn(): Promise<void> {
    try {
      // a full batch pruned: more are probably due, so the next round prunes again
      this.lastPruneAt = (await this.pruneSent()) < PRUNE_BATCH ? Date.now() : 0;
    } catch (error) {
      this.lastPruneAt = Date.now();
      this.logger.warn(`Pruning sent outbox rows failed, will try again: ${errorMessage(error)}`);
    }
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        // publishBatch takes the relay's connection (and its LISTEN) if it has none yet
        const published = await this.publishBatch();
        if (this.retainSentMs > 0 && Date.now() - this.lastPruneAt > RETENTION_EVERY_MS) await this.pruneInTurn();
        if (failures > 0) this.logger.log('Outbox relay recovered');
        failures = 0;
        // A full batch means more are probably waiting: go on without sleeping.
        if (published < this.batchSize) await this.sleep(this.pollIntervalMs);
      } catch (error) {
        failures += 1;
        const delay = Math.min(this.retryDelayMs.first * 2 ** (failures - 1), this.retryDelayMs.max);
        this.logger.error(`Outbox relay failed (${failures} in a row), retrying in ${delay} ms: ${errorMessage(error)}`);
        await this.sleep(delay);
      }
    }
  }

  /** Resolves after `ms`, on an outbox notification, or on stop(), whichever comes first. */
  private sleep(ms: number): Promise<void> {
    if (!this.running || this.notified) {
      this.notified = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.wakeUp(), ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }

  /** A notification that arrives mid-batch is remembered, so the next sleep returns at once. */
  private wakeUp(): void {
    if (this.wake) this.wake();
    else this.notified = true;
  }

  /**
   * A connection of its own taken from the DataSource's pool: it LISTENs, and it holds the
   * relay's claims (see the class comment). On a Postgres restart it is dropped, with its claims,
   * and taken again on the next round; the poll covers the gap.
   */
  private async ensureListening(): Promise<void> {
    if (this.listener) return;
    const pool = (this.dataSource.driver as unknown as { master?: Pool }).master;
    if (!pool?.connect) return; // not the pg driver (e.g. PGlite): polling alone
    const client = await pool.connect();
    client.on('notification', () => this.wakeUp());
    let lost = false;
    client.on('error', (error) => {
      lost = true;
      this.logger.warn(`Outbox LISTEN connection lost: ${errorMessage(error)}`);
      if (this.listener === client) this.listener = undefined;
      handBack(client, error);
    });
    // No sequential scan for the claim, whatever the statistics say: the outbox is analyzed
    // while nearly empty (a new service, or no autovacuum yet), the prepared claim keeps that
    // plan, and as sent rows pile up each claim would read them all where the index of unsent
    // rows reads a few.
    try {
      await client.query(`LISTEN ${OUTBOX_CHANNEL}; SET synchronous_commit = off; SET enable_seqscan = off`);
    } catch (error) {
      // Refused on a live connection (a hot standby refuses LISTEN): given back, else each round
      // would keep one more of the pool's connections. Lost instead, the listener above gave it back.
      if (!lost) handBack(client, error as Error);
      throw error;
    }
    this.listener = client;
  }

  private async stopListening(): Promise<void> {
    const client = this.listener;
    this.listener = undefined;
    if (!client) return;
    // Destroy rather than return it to the pool: a pooled connection must not keep listening, nor
    // keep the session settings and locks of the relay.
    handBack(client, true);
  }
}

/**
 * Gives the relay's connection back to the pool to be destroyed. Its errors are the pool's from
 * then on: one may still come (Postgres's own goodbye crossing the relay's, when both stop at
 * once), and a second release would throw out of the socket's handler and end the process.
 */
function handBack(client: PoolClient, reason: Error | true): void {
  client.removeAllListeners('error');
  client.release(reason);
}
