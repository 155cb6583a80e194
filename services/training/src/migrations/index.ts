import { CreateTraining1767400000000 } from './1767400000000-create-training';
import { SessionsStartPage1769100000000 } from './1769100000000-sessions-start-page';

/** The service's own, in the order they run (the kit runs the shared libs' first); a new migration goes at the end. */
export const trainingMigrations = [
  CreateTraining1767400000000,
  SessionsStartPage1769100000000,
];
