import { authMigrations } from '@liaison/auth';
import { httpMigrations } from '@liaison/http';
import { messagingMigrations } from '@liaison/messaging';
import { registryMigrations } from '@liaison/registry';
import { CreateNotifications1767225800000 } from './1767225800000-create-notifications';

/** In the order they run; a new migration goes at the end. */
export const notificationsMigrations = [
  ...messagingMigrations,
  ...authMigrations,
  ...httpMigrations,
  ...registryMigrations,
  CreateNotifications1767225800000,
];
