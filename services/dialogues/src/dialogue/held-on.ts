import { dayAt, latestToday } from '@liaison/contracts';
import { Conflict, InvalidInput } from '@liaison/http';
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

/**
 * The day an outcome may bear: not after today where today is furthest ahead (UTC+14, the date
 * line), not before the dialogue's first day where it is furthest behind (UTC-12), so a participant
 * anywhere may date it by their own calendar. 400 naming `heldOn`.
 */
export function assertHeldOn(heldOn: string, dialogue: Dialogue, now: Date = new Date()): void {
  const latest = latestToday(now);
  if (heldOn > latest) {
    throw new InvalidInput([{ field: 'heldOn', message: `heldOn must not be in the future (at most ${latest})`, code: 'notInFuture', params: { max: latest } }]);
  }
  const earliest = dayAt(dialogue.startsAt, -12);
  if (heldOn < earliest) {
    throw new InvalidInput([{ field: 'heldOn', message: `heldOn must not be before the dialogue starts (at least ${earliest})`, code: 'notBeforeStart', params: { min: earliest } }]);
  }
}
