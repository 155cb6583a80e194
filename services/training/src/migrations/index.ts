import { CreateTraining1767400000000 } from './1767400000000-create-training';

/** The service's own, in the order they run (the kit runs the shared libs' first); a new migration goes at the end. */
export const trainingMigrations = [
  CreateTraining1767400000000,
];
