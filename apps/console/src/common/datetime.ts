/** `datetime-local` has no offset: the officer's own time zone gives it one. */
export const withOffset = (local: string): string => (local ? new Date(local).toISOString() : local);

/** An instant as a `datetime-local` value in the officer's own time zone. */
export const localDateTime = (iso: string | null | undefined): string => {
  if (!iso) return '';
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

/** The calendar day (`YYYY-MM-DD`) an instant falls on in the officer's own time zone, not in UTC. */
export const localDay = (iso: string): string => localDateTime(iso).slice(0, 10);

/** Today, in the officer's own time zone. */
export const today = (): string => localDay(new Date().toISOString());
