import 'reflect-metadata';
import { loadConfig } from '@liaison/http';
import { migrateDatabase } from '@liaison/persistence';
import { OrganizationsConfig } from './config';
import { organizationsMigrations } from './migrations';
import { organizationsEntities, SERVICE_NAME } from './organizations.module';

/** `nx migrate organizations`: runs pending migrations and exits; the service also runs them at start. */
const config = loadConfig(OrganizationsConfig, process.env);
migrateDatabase({
  url: config.databaseUrl,
  applicationName: `liaison-${SERVICE_NAME}-migrate`,
  entities: organizationsEntities,
  migrations: organizationsMigrations,
})
  .then((ran) => console.log(ran.length ? `ran: ${ran.join(', ')}` : 'the database is up to date'))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
