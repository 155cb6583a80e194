import { authMigrations } from '@liaison/auth';
import { httpMigrations } from '@liaison/http';
import { messagingMigrations } from '@liaison/messaging';
import { CreateRegistry1764380100000 } from './1764380100000-create-registry';

/** In the order they run; a new migration goes at the end. */
export const organizationsMigrations = [
  ...messagingMigrations,
  ...authMigrations,
  ...httpMigrations,
  CreateRegistry1764380100000,
];
