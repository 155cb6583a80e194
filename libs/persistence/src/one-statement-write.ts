import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { rowsInsert, type RowsInsertOptions } from './insert-rows';

/**
 * Writes to several tables as ONE statement: each insert a data-modifying `WITH` part, all of
 * them run to completion and commit together, or none does, with no BEGIN and COMMIT around
 * them. BEGIN, an insert per table (briefs, outbox, audit) and COMMIT would each be a round
 * trip, between which a service's busy event loop keeps the transaction open; as one statement
 * the batch is one round trip.
 *
 * Its parts are added by their owners (`insert` for entities; the outbox and the audit trail
 * add their own), then `run` sends it. Parts see the same snapshot and cannot read each
 * other's rows except through RETURNING, so only independent writes belong together.
 */
export class OneStatementWrite {
  private readonly parts: string[] = [];
  private readonly results: string[] = [];
  private readonly returns: Array<{ name: string; receive: (rows: ReadonlyArray<Record<string, unknown>>) => void }> = [];
  private readonly params: unknown[] = [];

  /** A placeholder (`$n`) for `value`. */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  /**
   * Adds `sql` (an INSERT, UPDATE or DELETE, with its RETURNING) as a part and returns the
   * part's name, which later parts and results may read from. With `receive`, the part's
   * returned rows are given to it after the statement ran.
   */
  part(sql: string, receive?: (rows: ReadonlyArray<Record<string, unknown>>) => void): string {
    const name = `part_${this.parts.length + 1}`;
    this.parts.push(`${name} AS (${sql})`);
    if (receive) this.returns.push({ name, receive });
    return name;
  }

  /**
   * Adds an expression evaluated once after the parts (e.g. a `pg_notify` on a condition).
   * Postgres skips a plain `WITH` part nobody reads, so whatever must happen goes here.
   */
  afterwards(expression: string): void {
    this.results.push(expression);
  }

  /** Inserts `entities` (see insertRows) and fills their create and update dates. */
  insert<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, entities: readonly T[], options: RowsInsertOptions = {}): void {
    if (entities.length === 0) return;
    const insert = rowsInsert(manager, target, entities, `$${this.params.length + 1}`, options);
    this.params.push(insert.rows);
    this.part(insert.sql, insert.stamp);
  }

  get isEmpty(): boolean {
    return this.parts.length === 0;
  }

  /** Sends the statement: on its own it is its own transaction; inside one, part of it. */
  async run(manager: EntityManager): Promise<void> {
    if (this.isEmpty) return;
    const columns = [
      ...this.returns.map(({ name }, index) => `(SELECT coalesce(json_agg(${name}), '[]'::json) FROM ${name}) AS returned_${index}`),
      ...this.results.map((expression, index) => `(${expression}) AS afterwards_${index}`),
    ];
    const [row]: Array<Record<string, unknown>> = await manager.query(
      `WITH ${this.parts.join(',\n')}
       SELECT ${columns.length > 0 ? columns.join(', ') : 'true'}`,
      this.params,
    );
    this.returns.forEach(({ receive }, index) => receive(row[`returned_${index}`] as ReadonlyArray<Record<string, unknown>>));
  }
}
