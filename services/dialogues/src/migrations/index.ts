import { CreateDialogues1767300000000 } from './1767300000000-create-dialogues';
import { SeriesOwnIds1768700000000 } from './1768700000000-series-own-ids';
import { DialoguesStartPage1769100000000 } from './1769100000000-dialogues-start-page';

/** The service's own, in the order they run (the kit runs the shared libs' first); a new migration goes at the end. */
export const dialoguesMigrations = [
  CreateDialogues1767300000000,
  SeriesOwnIds1768700000000,
  DialoguesStartPage1769100000000,
];
