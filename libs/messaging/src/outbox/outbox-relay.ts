import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { PoolClient, Pool } from 'pg';
import type { EventBus } from '../event-bus';
import { errorMessage } from '../event-bus';
import { OUTBOX_CHANNEL } from '../wire-names';

export interface OutboxRelayOptions {
  /** rows claimed and published per transaction */
  batchSize?: number;
  /** fallback wake-up when no notification arrives (a lost LISTEN connection, another writer) */
  pollIntervalMs?: number;
  /** first and longest wait after a failure (NATS or Postgres down); doubles in between */
  retryDelayMs?: { first: number; max: number };
  /** sent rows older than this are deleted; 0 keeps them forever */
  retainSentMs?: number;
  /**
   * How long a claimed batch stays another relay's no-go: rows a relay claimed and then lost
   * (killed, cut off from Postgres) are published by another one after this. Far longer than a
   * batch's publish; a lease that runs out early costs a re-send, which JetStream drops.
   */
  leaseMs?: number;
  /**
   * For crash tests only: lets a test kill the process at the exact point (rows claimed but not
   * published; published but not marked sent).
   */
  hooks?: { beforePublish?: (eventIds: string[]) => Promise<void>; beforeMarkSent?: (eventIds: string[]) => Promise<void> };
}

interface ClaimedRow {
  id: string;
  created_at: Date;
  subject: string;
  /** the event's JSON text, published as it is */
  event: string;
  traceparent: string | null;
}

const RETENTION_EVERY_MS = 60 * 60 * 1000;

/**
 * Publishes outbox rows and marks them sent. Safe with any number of replicas: a batch is claimed
 * with a lease (`claimed_until`), so a row is in one relay's hands at a time; a crash re-sends it
 * once the lease ran out, and JetStream drops the repeat by event id. Rows of one batch are
 * published in parallel: consumers order by the aggregate's `sequence`, not by arrival.
 *
 * A batch costs two statements, each its own transaction: the claim and the mark. A transaction
 * held open across the publish (BEGIN, claim, publish, mark, COMMIT) cost twice the round trips,
 * and on this kind of machine a round trip costs the caller more CPU than the statement costs
 * Postgres. Both run with `synchronous_commit = off` on the relay's own connection: losing either
 * in a crash of Postgres only re-sends events that JetStream then drops.
 */
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly retryDelayMs: { first: number; max: number };
  private readonly retainSentMs: number;
  private readonly leaseMs: number;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private notified = false;
  private listener: PoolClient | undefined;
  private lastPruneAt = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: EventBus,
    private readonly options: OutboxRelayOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 100;
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.retryDelayMs = options.retryDelayMs ?? { first: 500, max: 30_000 };
    this.retainSentMs = options.retainSentMs ?? 7 * 24 * 60 * 60 * 1000;
    this.leaseMs = options.leaseMs ?? 30_000;
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
    const rows: ClaimedRow[] = await this.update(
      `UPDATE outbox SET claimed_until = now() + make_interval(secs => $2)
        WHERE id IN (
          SELECT id FROM outbox
           WHERE sent_at IS NULL AND (claimed_until IS NULL OR claimed_until < now())
           ORDER BY created_at, id
           LIMIT $1
           FOR UPDATE SKIP LOCKED)
        RETURNING id, subject, event, traceparent, created_at`,
      [this.batchSize, this.leaseMs / 1000],
    );
    if (rows.length === 0) return 0;
    // RETURNING gives no order; publishing in the outbox's order keeps the stream close to it.
    rows.sort((a, b) => a.created_at.getTime() - b.created_at.getTime() || (a.id < b.id ? -1 : 1));
    const ids = rows.map((row) => row.id);
    await this.options.hooks?.beforePublish?.(ids);
    const outcomes = await Promise.allSettled(
      rows.map((row) => this.bus.publishSerialized(row.subject, { id: row.id, json: row.event }, row.traceparent ?? undefined)),
    );
    const sent = ids.filter((_, index) => outcomes[index].status === 'fulfilled');
    outcomes.forEach((outcome, index) => {
      if (outcome.status === 'rejected') {
        this.logger.warn(`Event ${ids[index]} (${rows[index].subject}) not published, will retry: ${errorMessage(outcome.reason)}`);
      }
    });
    if (sent.length > 0) await this.options.hooks?.beforeMarkSent?.(sent);
    // The unsent ones are released, not left to their lease: the next round retries them.
    await this.update(
      `UPDATE outbox SET sent_at = CASE WHEN id = ANY($1::uuid[]) THEN now() END, claimed_until = NULL
        WHERE id = ANY($2::uuid[])`,
      [sent, ids],
    );
    if (sent.length === 0) throw new Error(`none of ${rows.length} events could be published`);
    return sent.length;
  }

  /** Deletes sent rows older than the retention; the stream, not the outbox, is the history. */
  async pruneSent(): Promise<number> {
    const [, affected] = await this.dataSource.query(
      `DELETE FROM outbox WHERE sent_at < now() - make_interval(secs => $1)`,
      [this.retainSentMs / 1000],
    );
    return Number(affected ?? 0);
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        await this.ensureListening();
        const published = await this.publishBatch();
        if (this.retainSentMs > 0 && Date.now() - this.lastPruneAt > RETENTION_EVERY_MS) {
          this.lastPruneAt = Date.now();
          await this.pruneSent();
        }
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
   * LISTEN on a connection of its own taken from the DataSource's pool, which also runs the
   * relay's statements, without waiting for their commit to be flushed (see the class comment);
   * on a Postgres restart it is dropped and taken again on the next round, and the poll covers
   * the gap.
   */
  private async ensureListening(): Promise<void> {
    if (this.listener) return;
    const pool = (this.dataSource.driver as unknown as { master?: Pool }).master;
    if (!pool?.connect) return; // not the pg driver (e.g. PGlite): polling alone
    const client = await pool.connect();
    client.on('notification', () => this.wakeUp());
    client.on('error', (error) => {
      this.logger.warn(`Outbox LISTEN connection lost: ${errorMessage(error)}`);
      if (this.listener === client) this.listener = undefined;
      client.release(error);
    });
    await client.query(`LISTEN ${OUTBOX_CHANNEL}; SET synchronous_commit = off`);
    this.listener = client;
  }

  /**
   * An UPDATE and the rows it returned, on the relay's own connection where there is one (see
   * ensureListening), else on the pool's (before the first round, after losing the connection).
   */
  private async update<T>(sql: string, parameters: unknown[]): Promise<T[]> {
    if (this.listener) return (await this.listener.query(sql, parameters)).rows as T[];
    // TypeORM answers an UPDATE with [returned rows, affected count].
    const [rows] = (await this.dataSource.query(sql, parameters)) as [T[], number];
    return rows;
  }

  private async stopListening(): Promise<void> {
    const client = this.listener;
    this.listener = undefined;
    if (!client) return;
    // Destroy rather than return it to the pool: a pooled connection must not keep listening.
    client.release(true);
  }
}
