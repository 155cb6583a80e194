import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '@liaison/http';
import { postgresDataSourceOptions, runMigrations } from '@liaison/persistence';
import { NotificationsConfig } from './config';
import { notificationsMigrations } from './migrations';
import { notificationsEntities, SERVICE_NAME } from './notifications.module';

/** `nx migrate notifications`: runs pending migrations and exits; the service also runs them at start. */
async function migrate(): Promise<void> {
  const config = loadConfig(NotificationsConfig, process.env);
  const dataSource = new DataSource(
    postgresDataSourceOptions({
      url: config.databaseUrl,
      applicationName: `liaison-${SERVICE_NAME}-migrate`,
      entities: notificationsEntities,
      migrations: notificationsMigrations,
    }),
  );
  await dataSource.initialize();
  try {
    const ran = await runMigrations(dataSource);
    console.log(ran.length ? `ran: ${ran.join(', ')}` : 'the database is up to date');
  } finally {
    await dataSource.destroy();
  }
}

migrate().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
