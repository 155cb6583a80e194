import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import { DirectionProvider, MantineProvider, useDirection } from '@mantine/core';
import type { Language } from '../api/views';
import { browserLanguage, directionOf, isLanguage, loadMessages } from './locales';
import { en, type MessageId, type Messages } from './messages/en';
import { theme } from '../theme';

interface LocaleContextValue {
  language: Language;
  setLanguage: (language: Language) => Promise<void>;
}

const LocaleContext = createContext<LocaleContextValue>({ language: 'en', setLanguage: async () => undefined });
const LANGUAGE_KEY = 'liaison.language';

export const useLocale = () => useContext(LocaleContext);

/** `t('key', values)`: an ICU message of the current language. */
export function useT() {
  const intl = useIntl();
  return useCallback((id: MessageId, values?: Record<string, string | number | Date>) => intl.formatMessage({ id }, values), [intl]);
}

/** Keeps Mantine's direction, and html's lang and dir, on the chosen language. */
function DirectionFollower({ language }: { language: Language }) {
  const { setDirection } = useDirection();
  useEffect(() => {
    const dir = directionOf(language);
    document.documentElement.lang = language;
    document.documentElement.dir = dir;
    setDirection(dir);
  }, [language, setDirection]);
  return null;
}

export function LocaleProvider({ children }: { children: ReactNode }) {
  // The tab's last choice (set at sign-in from the officer's profile), else the browser's.
  const stored = sessionStorage.getItem(LANGUAGE_KEY);
  const [language, setCurrent] = useState<Language>(isLanguage(stored) ? stored : browserLanguage());
  const [messages, setMessages] = useState<Messages | null>(language === 'en' ? en : null);

  useEffect(() => {
    let current = true;
    void loadMessages(language).then((loaded) => current && setMessages(loaded));
    return () => {
      current = false;
    };
  }, [language]);

  const setLanguage = useCallback(async (next: Language) => {
    const loaded = await loadMessages(next);
    sessionStorage.setItem(LANGUAGE_KEY, next);
    setMessages(loaded);
    setCurrent(next);
  }, []);

  const value = useMemo(() => ({ language, setLanguage }), [language, setLanguage]);
  if (!messages) return null;
  return (
    <LocaleContext.Provider value={value}>
      <DirectionProvider initialDirection={directionOf(language)} detectDirection={false}>
        <DirectionFollower language={language} />
        <MantineProvider theme={theme}>
          <IntlProvider locale={language} messages={messages} defaultLocale="en">
            {children}
          </IntlProvider>
        </MantineProvider>
      </DirectionProvider>
    </LocaleContext.Provider>
  );
}
