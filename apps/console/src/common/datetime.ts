// A `datetime-local` value and a calendar day have no offset: the officer's time zone (the one
// saved in Settings, else the browser's, see timeZone.tsx) gives them one.

/** The browser's own time zone. */
export const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

const wallClocks = new Map<string, Intl.DateTimeFormat>();

/** How far `timeZone`'s clocks are ahead of UTC at an instant, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  let wallClock = wallClocks.get(timeZone);
  if (!wallClock) {
    const fields = { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' } as const;
    wallClock = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', ...fields });
    wallClocks.set(timeZone, wallClock);
  }
  const part = Object.fromEntries(wallClock.formatToParts(instant).map(({ type, value }) => [type, Number(value)]));
  const wall = Date.UTC(part.year, part.month - 1, part.day, part.hour, part.minute, part.second);
  return wall - Math.floor(instant / 1000) * 1000;
}

/** A `datetime-local` value, read in `timeZone`, as an instant (ISO 8601, UTC). */
export const withOffset = (local: string, timeZone: string): string => {
  if (!local) return local;
  const wall = Date.parse(`${local}Z`);
  // The offset of the instant guessed first, then of the instant it gives (they differ across a change of clocks).
  const guess = wall - offsetAt(wall, timeZone);
  return new Date(wall - offsetAt(guess, timeZone)).toISOString();
};

/** An instant as a `datetime-local` value in `timeZone`. */
export const localDateTime = (iso: string | null | undefined, timeZone: string): string => {
  if (!iso) return '';
  const instant = Date.parse(iso);
  return new Date(instant + offsetAt(instant, timeZone)).toISOString().slice(0, 16);
};

/** The calendar day (`YYYY-MM-DD`) an instant falls on in `timeZone`, not in UTC. */
export const localDay = (iso: string, timeZone: string): string => localDateTime(iso, timeZone).slice(0, 10);

/** Today in `timeZone`. */
export const today = (timeZone: string): string => localDay(new Date().toISOString(), timeZone);

/** The calendar day an instant falls on at a fixed offset from UTC: +14 is where a day begins first, -12 where it ends last. */
export const dayAtOffset = (instant: string | number, offsetHours: number): string =>
  new Date((typeof instant === 'string' ? Date.parse(instant) : instant) + offsetHours * 3_600_000).toISOString().slice(0, 10);
