import { dayAt, latestToday } from '@liaison/contracts';
import { InvalidInput } from './domain-error';

/** The start a recorded day may not precede, the error code that names it, and what started ("the session"). */
export interface RecordedDayStart {
  startsAt: Date;
  code: string;
  what: string;
}

/**
 * A day recorded as done (a completion, an outcome): not after today where today is furthest ahead
 * (UTC+14, the date line) and, given a start, not before its first day where it is furthest behind
 * (UTC-12), so an officer anywhere may date it by their own calendar. 400 naming `field`.
 */
export function assertRecordedDay(field: string, day: string, since?: RecordedDayStart, now: Date = new Date()): void {
  const latest = latestToday(now);
  if (day > latest) {
    throw new InvalidInput([{ field, message: `${field} must not be in the future (at most ${latest})`, code: 'notInFuture', params: { max: latest } }]);
  }
  if (!since) return;
  const earliest = dayAt(since.startsAt, -12);
  if (day < earliest) {
    throw new InvalidInput([{ field, message: `${field} must not be before ${since.what} starts (at least ${earliest})`, code: since.code, params: { min: earliest } }]);
  }
}
