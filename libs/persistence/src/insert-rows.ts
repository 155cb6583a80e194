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
  const metadata = manager.connection.getMetadata(target);
  const [primary, ...others] = metadata.primaryColumns;
  if (!primary || others.length > 0) throw new Error(`insertRows needs an entity with a single-column primary key (${metadata.tableName})`);
  const written = metadata.columns.filter((column) => !column.isCreateDate && !column.isUpdateDate && !column.isVirtual);
  const stamped = metadata.columns.filter((column) => column.isCreateDate || column.isUpdateDate);
  const names = written.map((column) => `"${column.databaseName}"`).join(', ');
  const returned: Array<Record<string, unknown>> = await manager.query(
    `INSERT INTO "${metadata.tableName}" (${names})
     SELECT ${names} FROM jsonb_populate_recordset(NULL::"${metadata.tableName}", $1::jsonb)
     RETURNING ${[primary, ...stamped].map((column) => `"${column.databaseName}"`).join(', ')}`,
    [JSON.stringify(entities.map((entity) => Object.fromEntries(written.map((column) => [column.databaseName, column.getEntityValue(entity) ?? null]))))],
  );
  const byId = new Map(returned.map((row) => [String(row[primary.databaseName]).toLowerCase(), row]));
  for (const entity of entities) {
    const row = byId.get(String(primary.getEntityValue(entity)).toLowerCase());
    if (!row) throw new Error(`${metadata.tableName} ${primary.getEntityValue(entity)} was not inserted`);
    for (const column of stamped) column.setEntityValue(entity, row[column.databaseName]);
  }
}
