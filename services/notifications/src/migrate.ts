import 'reflect-metadata';
import { loadConfig } from '@liaison/http';
import { migrateDatabase } from '@liaison/persistence';
import { NotificationsConfig } from './config';
import { notificationsMigrations } from './migrations';
import { notificationsEntities, SERVICE_NAME } from './notifications.module';

/** `nx migrate notifications`: runs pending migrations and exits; the service also runs them at start. */
const config = loadConfig(NotificationsConfig, process.env);
migrateDatabase({
  url: config.databaseUrl,
  applicationName: `liaison-${SERVICE_NAME}-migrate`,
  entities: notificationsEntities,
  migrations: notificationsMigrations,
})
  .then((ran) => console.log(ran.length ? `ran: ${ran.join(', ')}` : 'the database is up to date'))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
