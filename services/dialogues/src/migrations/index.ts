import { CreateDialogues1767300000000 } from './1767300000000-create-dialogues';
import { SmallGinPendingLists1767916800000 } from './1767916800000-small-gin-pending-lists';

/** The service's own, in the order they run (the kit runs the shared libs' first); a new migration goes at the end. */
export const dialoguesMigrations = [
  CreateDialogues1767300000000,
  SmallGinPendingLists1767916800000,
];
