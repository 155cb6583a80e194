import { ValidateBy, ValidationOptions, buildMessage, isISO8601 } from 'class-validator';

/**
 * Times on the wire are ISO 8601 with an offset (API.md): a time without one means a different
 * instant on each desk's machine. Days (due dates, completion dates) are plain `YYYY-MM-DD`.
 */
export const IS_TIMESTAMP = 'isTimestamp';
export const IS_CALENDAR_DATE = 'isCalendarDate';

const withOffset = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const day = /^\d{4}-\d{2}-\d{2}$/;

// The instants written back as `YYYY-MM-DDTHH:mm:ss.sssZ`: a four-digit year in UTC. An offset can
// carry 9999-12-31 into the year 10000, which toISOString writes `+010000-…`, a time no reader accepts.
const EARLIEST = Date.parse('0001-01-01T00:00:00.000Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');

export function isTimestamp(value: unknown): boolean {
  if (typeof value !== 'string' || !withOffset.test(value) || !isISO8601(value, { strict: true, strictSeparator: true })) return false;
  const time = Date.parse(value);
  return time >= EARLIEST && time <= LATEST;
}

export function isCalendarDate(value: unknown): boolean {
  return typeof value === 'string' && day.test(value) && isISO8601(value, { strict: true });
}

export function IsTimestamp(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_TIMESTAMP,
      validator: {
        validate: (value) => isTimestamp(value),
        defaultMessage: buildMessage((each) => `${each}$property must be an ISO 8601 date-time with an offset`, options),
      },
    },
    options,
  );
}

export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_CALENDAR_DATE,
      validator: {
        validate: (value) => isCalendarDate(value),
        defaultMessage: buildMessage((each) => `${each}$property must be a calendar date (YYYY-MM-DD)`, options),
      },
    },
    options,
  );
}

const HOUR = 3_600_000;

/** The calendar day (`YYYY-MM-DD`) at `instant` in the time zone `offsetHours` from UTC. */
export function dayAt(instant: Date, offsetHours: number): string {
  return new Date(instant.getTime() + offsetHours * HOUR).toISOString().slice(0, 10);
}

/**
 * The latest day it is anywhere now (UTC+14, the date line): a day an officer records as done
 * ("completed on") may be their own today wherever they are, and not later.
 */
export function latestToday(now: Date = new Date()): string {
  return dayAt(now, 14);
}
