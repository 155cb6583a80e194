import { Conflict } from '@liaison/http';
import type { Dialogue } from './dialogue.entity';

/**
 * An outcome says the dialogue was held, so it is recorded once the dialogue has started: before
 * its start it is a 409 (the dialogue's state), whatever day the outcome would bear.
 */
export function assertStarted(dialogue: Dialogue, now: Date = new Date()): void {
  if (dialogue.startsAt.getTime() > now.getTime()) {
    throw new Conflict('dialogue-not-started', `This dialogue starts at ${dialogue.startsAt.toISOString()}; its outcome is recorded once it has started.`);
  }
}
