import { authMigrations } from '@liaison/auth';
import { httpMigrations } from '@liaison/http';
import { messagingMigrations } from '@liaison/messaging';
import { registryMigrations } from '@liaison/registry';
import { CreateDialogues1767300000000 } from './1767300000000-create-dialogues';

/** In the order they run; a new migration goes at the end. */
export const dialoguesMigrations = [
  ...messagingMigrations,
  ...authMigrations,
  ...httpMigrations,
  ...registryMigrations,
  CreateDialogues1767300000000,
];
