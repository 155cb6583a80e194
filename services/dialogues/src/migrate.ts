import 'reflect-metadata';
import { loadConfig } from '@liaison/http';
import { migrateDatabase } from '@liaison/persistence';
import { DialoguesConfig } from './config';
import { dialoguesMigrations } from './migrations';
import { dialoguesEntities, SERVICE_NAME } from './dialogues.module';

/** `nx migrate dialogues`: runs pending migrations and exits; the service also runs them at start. */
const config = loadConfig(DialoguesConfig, process.env);
migrateDatabase({
  url: config.databaseUrl,
  applicationName: `liaison-${SERVICE_NAME}-migrate`,
  entities: dialoguesEntities,
  migrations: dialoguesMigrations,
})
  .then((ran) => console.log(ran.length ? `ran: ${ran.join(', ')}` : 'the database is up to date'))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
