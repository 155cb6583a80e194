import { useIntl } from 'react-intl';

/**
 * Dates and times in the officer's language (Arabic digits and calendar words in ar, and so on), in
 * the officer's time zone (the IntlProvider's, see timeZone.tsx); a calendar day is that day wherever.
 */
export function useFormat() {
  const intl = useIntl();
  return {
    dateTime: (iso: string) => intl.formatDate(iso, { dateStyle: 'medium', timeStyle: 'short' }),
    date: (iso: string) => (iso.length === 10 ? intl.formatDate(`${iso}T00:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' }) : intl.formatDate(iso, { dateStyle: 'medium' })),
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
