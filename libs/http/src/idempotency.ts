import { createHash } from 'node:crypto';
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
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

/**
 * `Idempotency-Key` on writes: the same key and body return the first result and change nothing
 * again; the same key with another body is a 409. The key is claimed before the write runs, so
 * two concurrent repeats cannot both write.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly dataSource: DataSource) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest & { viewer?: { officerId: string } }>();
    const key = headerOf(request.headers, 'idempotency-key');
    if (!key || !WRITE_METHODS.has(request.method)) return next.handle();
    return from(this.once(request, context.switchToHttp().getResponse<FastifyReply>(), key, next));
  }

  private async once(
    request: FastifyRequest & { viewer?: { officerId: string } },
    response: FastifyReply,
    key: string,
    next: CallHandler,
  ): Promise<unknown> {
    if (key.length > MAX_KEY_LENGTH) {
      throw new InvalidInput([{ field: 'Idempotency-Key', message: `must be at most ${MAX_KEY_LENGTH} characters` }]);
    }
    const caller = request.viewer?.officerId ?? 'anonymous';
    const requestHash = createHash('sha256')
      .update(`${request.method} ${request.originalUrl.split('?')[0]}\n${JSON.stringify(request.body ?? null)}`)
      .digest('hex');

    const claimed: unknown[] = await this.dataSource.query(
      `INSERT INTO idempotency_keys (caller, key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT (caller, key) DO NOTHING RETURNING key`,
      [caller, key, requestHash],
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
        throw new Conflict('idempotency-key-in-flight', 'A request with this Idempotency-Key is still being handled.');
      }
      response.status(first.status_code);
      response.header('Idempotent-Replayed', 'true');
      return first.response;
    }

    try {
      const result = await lastValueFrom(next.handle(), { defaultValue: undefined });
      await this.dataSource.query(
        `UPDATE idempotency_keys SET status_code = $3, response = $4 WHERE caller = $1 AND key = $2`,
        [caller, key, response.statusCode, JSON.stringify(result ?? null)],
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
