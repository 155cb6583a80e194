import { useIntl, type IntlShape } from 'react-intl';

/** A calendar day (`YYYY-MM-DD`) in the officer's language: that day wherever the officer is. */
export const formatDay = (intl: IntlShape, day: string): string => intl.formatDate(`${day}T00:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' });

/** Whether a value is a calendar day (`YYYY-MM-DD`), as the API writes one. */
export const isCalendarDay = (value: unknown): value is string => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);

/**
 * Dates and times in the officer's language (Arabic digits and calendar words in ar, and so on), in
 * the officer's time zone (the IntlProvider's, see timeZone.tsx); a calendar day is that day wherever.
 */
export function useFormat() {
  const intl = useIntl();
  return {
    dateTime: (iso: string) => intl.formatDate(iso, { dateStyle: 'medium', timeStyle: 'short' }),
    date: (iso: string) => (iso.length === 10 ? formatDay(intl, iso) : intl.formatDate(iso, { dateStyle: 'medium' })),
    relative: (iso: string) => {
      const minutes = Math.round((new Date(iso).getTime() - Date.now()) / 60_000);
      if (Math.abs(minutes) < 60) return intl.formatRelativeTime(minutes, 'minute', { numeric: 'auto' });
      const hours = Math.round(minutes / 60);
      if (Math.abs(hours) < 48) return intl.formatRelativeTime(hours, 'hour', { numeric: 'auto' });
      return intl.formatRelativeTime(Math.round(hours / 24), 'day', { numeric: 'auto' });
    },
    /** names joined as the language joins them ("A, B and C"; Arabic "A وB"; Chinese "A、B和C") */
    list: (names: string[]) => intl.formatList(names, { type: 'conjunction' }),
    /** an ISO 3166 code (`SD`) as the country's name in the officer's language; the code if it has none */
    country: (code: string) => intl.formatDisplayName(code, { type: 'region', fallback: 'code' }) ?? code,
  };
}
