import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Inserts `entities` of one entity in one statement with one parameter, whatever their number
 * (`jsonb_populate_recordset`), and fills each entity's create and update dates from RETURNING.
 * For batches: TypeORM's multi-row insert takes a parameter per column and row and builds its
 * SQL anew each time, which made it the costliest step of a batch of a hundred writes.
 *
 * Columns come from the entity's metadata (every mapped column but the create and update dates,
 * which the database fills), so a column added to the entity is written without touching this.
 */
export async function insertRows<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, entities: readonly T[]): Promise<void> {
  if (entities.length === 0) return;
  const insert = rowsInsert(manager, target, entities, '$1');
  insert.stamp(await manager.query(insert.sql, [insert.rows]));
}

/** An insert of entities as SQL with its one parameter, and what to do with the rows it returns. */
export interface RowsInsert {
  /** `INSERT … RETURNING` the primary key and the create and update dates */
  sql: string;
  /** the value of the statement's one parameter: the rows as JSON */
  rows: string;
  /** fills each entity's create and update dates from the returned rows (as `pg` or `json_agg` gives them) */
  stamp(returned: ReadonlyArray<Record<string, unknown>>): void;
}

export interface RowsInsertOptions {
  /**
   * Write the create and update dates the entities carry, instead of the database's `now()`:
   * for a writer that needs them before the insert (an event that states when it happened).
   */
  datesFromEntities?: boolean;
}

/** The insert of `insertRows`, with `parameter` (e.g. `$3`) in place of the rows, to run alone or inside a larger statement. */
export function rowsInsert<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  entities: readonly T[],
  parameter: string,
  options: RowsInsertOptions = {},
): RowsInsert {
  const metadata = manager.connection.getMetadata(target);
  const [primary, ...others] = metadata.primaryColumns;
  if (!primary || others.length > 0) throw new Error(`insertRows needs an entity with a single-column primary key (${metadata.tableName})`);
  const written = metadata.columns.filter((column) => (options.datesFromEntities || (!column.isCreateDate && !column.isUpdateDate)) && !column.isVirtual);
  const stamped = metadata.columns.filter((column) => column.isCreateDate || column.isUpdateDate);
  const names = written.map((column) => `"${column.databaseName}"`).join(', ');
  return {
    sql: `INSERT INTO "${metadata.tableName}" (${names})
     SELECT ${names} FROM jsonb_populate_recordset(NULL::"${metadata.tableName}", ${parameter}::jsonb)
     RETURNING ${[primary, ...stamped].map((column) => `"${column.databaseName}"`).join(', ')}`,
    rows: JSON.stringify(entities.map((entity) => Object.fromEntries(written.map((column) => [column.databaseName, column.getEntityValue(entity) ?? null])))),
    stamp: (returned) => {
      const byId = new Map(returned.map((row) => [String(row[primary.databaseName]).toLowerCase(), row]));
      for (const entity of entities) {
        const row = byId.get(String(primary.getEntityValue(entity)).toLowerCase());
        if (!row) throw new Error(`${metadata.tableName} ${primary.getEntityValue(entity)} was not inserted`);
        for (const column of stamped) {
          const value = row[column.databaseName];
          // Inside json_agg a timestamp is an ISO string, not the Date that pg makes of a column.
          column.setEntityValue(entity, typeof value === 'string' ? new Date(value) : value);
        }
      }
    },
  };
}
