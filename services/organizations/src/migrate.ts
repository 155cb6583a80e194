import 'reflect-metadata';
import { runMigrate } from '@liaison/kit';
import { OrganizationsConfig } from './config';
import { organizationsService } from './organizations.module';

/** `nx migrate organizations`: runs pending migrations and exits; the service also runs them at start. */
runMigrate(organizationsService, OrganizationsConfig, process.env);
