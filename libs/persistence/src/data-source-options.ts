import { DataSource, DataSourceOptions, MixedList, EntitySchema } from 'typeorm';

export interface DatabaseOptions {
  url: string;
  /** connections in this process's pool */
  poolSize?: number;
  /** shown in pg_stat_activity, so an operator can tell the services apart */
  applicationName: string;
   
  entities: MixedList<Function | string | EntitySchema>;
   
  migrations: MixedList<Function | string>;
  logging?: boolean;
}

/**
 * Postgres through TypeORM for one service. The schema comes from migrations only:
 * `synchronize` would alter production tables behind the migrations' back.
 *
 * Named prepared statements (the outbox relay's, the notifications fan-out's) keep the generic
 * plan Postgres makes once per connection: that is what they are prepared for, and a `SET LOCAL`
 * before each use cost a round trip a transaction. TypeORM's own statements are not prepared and
 * are planned for their values.
 */
export function postgresDataSourceOptions(options: DatabaseOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: options.logging ? ['error', 'warn', 'migration'] : false,
    applicationName: options.applicationName,
    extra: { max: options.poolSize ?? 10, options: '-c plan_cache_mode=force_generic_plan' },
  };
}

/** Runs what is pending and says what ran; a failed migration stops the service from starting. */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const ran = await dataSource.runMigrations({ transaction: 'each' });
  return ran.map((migration) => migration.name);
}

/** `nx migrate <service>`: connects, runs what is pending, disconnects; returns what ran. */
export async function migrateDatabase(options: DatabaseOptions): Promise<string[]> {
  const dataSource = new DataSource(postgresDataSourceOptions(options));
  await dataSource.initialize();
  try {
    return await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
