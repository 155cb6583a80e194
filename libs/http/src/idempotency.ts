import { createHash } from 'node:crypto';
import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, OnModuleDestroy, Optional } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable, from, lastValueFrom } from 'rxjs';
import { Column, CreateDateColumn, DataSource, Entity, MigrationInterface, PrimaryColumn, QueryRunner } from 'typeorm';
import { Conflict, InvalidInput } from './domain-error';
import { CreateRateLimitCounts1764380000001 } from './rate-limit';
import { headerOf } from './request-context';

/** One write made with an `Idempotency-Key`: the first answer, kept to be given again. */
@Entity('idempotency_keys')
export class IdempotencyRecord {
  @PrimaryColumn('text')
  caller: string;

  @PrimaryColumn('text')
  key: string;

  @Column('text', { name: 'request_hash' })
  requestHash: string;

  @Column('int', { name: 'status_code', nullable: true })
  statusCode: number | null;

  @Column('jsonb', { nullable: true })
  response: unknown;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}

export class CreateIdempotencyKeys1764380000000 implements MigrationInterface {
  name = 'CreateIdempotencyKeys1764380000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE idempotency_keys (
        caller text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        status_code int,
        response jsonb,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (caller, key)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE idempotency_keys`);
  }
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const MAX_KEY_LENGTH = 200;
const SWEEP_EVERY_MS = 10 * 60_000;

export interface IdempotencyOptions {
  /** how long a key's first answer is kept and given again; after that the key is free */
  ttlHours: number;
  /** a request still unanswered after this long is taken to have crashed: its key may be retried */
  inFlightLeaseSeconds: number;
}

export const IDEMPOTENCY_OPTIONS = Symbol('IDEMPOTENCY_OPTIONS');
const DEFAULT_OPTIONS: IdempotencyOptions = { ttlHours: 24, inFlightLeaseSeconds: 60 };

/** Fields of an answer never kept for a replay: tokens, tickets, secrets and passwords are given once. */
const SECRET_FIELD = /^(access_?token|refresh_?token|id_?token|token|ticket|password|password_?hash|secret|.*secret)$/i;

export function withoutSecrets(value: unknown, depth = 0): unknown {
  if (depth > 32 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => withoutSecrets(item, depth + 1));
  return Object.fromEntries(Object.entries(value).filter(([key]) => !SECRET_FIELD.test(key)).map(([key, inner]) => [key, withoutSecrets(inner, depth + 1)]));
}

/**
 * `Idempotency-Key` on writes: the same key and body return the first result and change nothing
 * again; the same key with another body is a 409. The key is claimed before the write runs, so
 * two concurrent repeats cannot both write. A key expires after `ttlHours`; a claim whose request
 * never answered (its process crashed) may be taken again after `inFlightLeaseSeconds`. The kept
 * answer holds no token, secret or password (a replay gives the rest).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor, OnModuleDestroy {
  private readonly options: IdempotencyOptions;
  // unref: the sweep never keeps a process alive
  private readonly sweeper = setInterval(() => void this.forgetExpired(), SWEEP_EVERY_MS).unref();

  constructor(
    private readonly dataSource: DataSource,
    @Optional() @Inject(IDEMPOTENCY_OPTIONS) options?: IdempotencyOptions,
  ) {
    this.options = options ?? DEFAULT_OPTIONS;
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest & { viewer?: { officerId: string } }>();
    const key = headerOf(request.headers, 'idempotency-key');
    if (!key || !WRITE_METHODS.has(request.method)) return next.handle();
    return from(this.once(request, context.switchToHttp().getResponse<FastifyReply>(), key, next));
  }

  /** Drops expired keys; any replica may do it. */
  async forgetExpired(): Promise<void> {
    if (!this.dataSource.isInitialized) return;
    await this.dataSource
      .query(`DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)`, [this.options.ttlHours])
      .catch(() => undefined); // the next sweep does it
  }

  private async once(
    request: FastifyRequest & { viewer?: { officerId: string } },
    response: FastifyReply,
    key: string,
    next: CallHandler,
  ): Promise<unknown> {
    if (key.length > MAX_KEY_LENGTH) {
      throw new InvalidInput([{ field: 'Idempotency-Key', message: `must be at most ${MAX_KEY_LENGTH} characters`, code: 'maxLength', params: { max: MAX_KEY_LENGTH } }]);
    }
    const caller = request.viewer?.officerId ?? 'anonymous';
    const requestHash = createHash('sha256')
      .update(`${request.method} ${request.originalUrl.split('?')[0]}\n${JSON.stringify(request.body ?? null)}`)
      .digest('hex');

    // a new key, an expired one, or one whose request crashed: claimed afresh
    const claimed: unknown[] = await this.dataSource.query(
      `INSERT INTO idempotency_keys AS kept (caller, key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT (caller, key) DO UPDATE SET request_hash = excluded.request_hash, status_code = NULL, response = NULL, created_at = now()
         WHERE kept.created_at < now() - make_interval(hours => $4)
            OR (kept.status_code IS NULL AND kept.created_at < now() - make_interval(secs => $5))
       RETURNING key`,
      [caller, key, requestHash, this.options.ttlHours, this.options.inFlightLeaseSeconds],
    );
    if (claimed.length === 0) {
      const [first] = await this.dataSource.query(
        `SELECT request_hash, status_code, response FROM idempotency_keys WHERE caller = $1 AND key = $2`,
        [caller, key],
      );
      if (!first || first.request_hash !== requestHash) {
        throw new Conflict('idempotency-key-reused', 'This Idempotency-Key was used with another request.');
      }
      if (first.status_code === null) {
        throw new Conflict('idempotency-key-in-flight', 'A request with this Idempotency-Key is still being handled: retry shortly.');
      }
      response.status(first.status_code);
      response.header('Idempotent-Replayed', 'true');
      return first.response;
    }

    try {
      const result = await lastValueFrom(next.handle(), { defaultValue: undefined });
      await this.dataSource.query(
        `UPDATE idempotency_keys SET status_code = $3, response = $4 WHERE caller = $1 AND key = $2`,
        [caller, key, response.statusCode, JSON.stringify(withoutSecrets(result ?? null))],
      );
      return result;
    } catch (error) {
      // A refused or failed write changed nothing, so the key is free for a corrected retry.
      await this.dataSource.query(`DELETE FROM idempotency_keys WHERE caller = $1 AND key = $2`, [caller, key]);
      throw error;
    }
  }
}

export const httpMigrations: Function[] = [CreateIdempotencyKeys1764380000000, CreateRateLimitCounts1764380000001];
