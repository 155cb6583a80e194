import { dayAt, latestToday } from '@liaison/contracts';
import { InvalidInput } from '@liaison/http';
import type { Session } from '../session/session.entity';

/**
 * The day a completion (and its certificate) may bear: not after today where today is furthest
 * ahead (UTC+14, the date line), not before the session's first day where it is furthest behind
 * (UTC-12), so an organizer anywhere may date it by their own calendar. 400 naming `completedOn`.
 */
export function assertCompletionDate(completedOn: string, session: Session, now: Date = new Date()): void {
  const latest = latestToday(now);
  if (completedOn > latest) {
    throw new InvalidInput([{ field: 'completedOn', message: `completedOn must not be in the future (at most ${latest})`, code: 'notInFuture', params: { max: latest } }]);
  }
  const earliest = dayAt(session.startsAt, -12);
  if (completedOn < earliest) {
    throw new InvalidInput([
      { field: 'completedOn', message: `completedOn must not be before the session starts (at least ${earliest})`, code: 'notBeforeSessionStart', params: { min: earliest } },
    ]);
  }
}
