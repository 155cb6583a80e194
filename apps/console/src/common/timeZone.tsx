import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { IntlProvider, useIntl } from 'react-intl';
import { Center, Loader } from '@mantine/core';
import { notificationsApi, unwrap } from '../api/client';
import type { PreferencesView } from '../api/views';
import { browserTimeZone, localDateTime, localDay, today, withOffset } from './datetime';

const TimeZoneContext = createContext<string>(browserTimeZone());

const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** The officer's time zone: the one saved in Settings (UTC too), else (null: none chosen) the browser's. */
export function officerTimeZone(preferences: PreferencesView | undefined): string {
  const saved = preferences?.timezone;
  return saved && isTimeZone(saved) ? saved : browserTimeZone();
}

/**
 * Dates and times of a signed-in officer's screens in the time zone saved in Settings (the
 * preferences query, which Settings updates on save). The screens wait for it, so a form's draft
 * never starts from the browser's day; if the preferences cannot be read, the browser's zone is used.
 */
export function OfficerTimeZone({ children }: { children: ReactNode }) {
  const intl = useIntl();
  const preferences = useQuery({
    queryKey: ['preferences'],
    queryFn: () => unwrap<PreferencesView>(notificationsApi.GET('/api/v1/notifications/preferences')),
    retry: 1,
  });
  const zone = officerTimeZone(preferences.data);
  if (preferences.isPending) {
    return (
      <Center mih="50vh">
        <Loader />
      </Center>
    );
  }
  return (
    <TimeZoneContext.Provider value={zone}>
      <IntlProvider locale={intl.locale} messages={intl.messages} defaultLocale={intl.defaultLocale} timeZone={zone}>
        {children}
      </IntlProvider>
    </TimeZoneContext.Provider>
  );
}

/** `datetime-local` values and calendar days in the officer's time zone (see datetime.ts). */
export function useDateTime() {
  const zone = useContext(TimeZoneContext);
  return useMemo(
    () => ({
      timeZone: zone,
      withOffset: (local: string) => withOffset(local, zone),
      localDateTime: (iso: string | null | undefined) => localDateTime(iso, zone),
      localDay: (iso: string) => localDay(iso, zone),
      today: () => today(zone),
    }),
    [zone],
  );
}
