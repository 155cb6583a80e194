import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import { Alert, Button, DirectionProvider, MantineProvider, useDirection } from '@mantine/core';
import type { Language } from '../api/views';
import { LANGUAGE_NAMES, browserLanguage, directionOf, isLanguage, loadMessages } from './locales';
import { en, type MessageId, type Messages } from './messages/en';
import { theme } from '../theme';

interface LocaleContextValue {
  language: Language;
  /** whether the language's messages loaded (if not, the page stays in the language it was in) */
  setLanguage: (language: Language) => Promise<boolean>;
}

const LocaleContext = createContext<LocaleContextValue>({ language: 'en', setLanguage: async () => false });
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

/**
 * A language whose messages did not load, said in the language the page is in (English when it
 * was the first one), at the foot of every screen. Trying again reloads the page in that language: a browser may keep a failed
 * module import for the page's life, so importing it again in place could fail again.
 */
function LanguageNotLoaded({ language, inEnglish }: { language: Language; inEnglish: boolean }) {
  const t = useT();
  const name = `${t(`languageName.${language}`)} (${LANGUAGE_NAMES[language]})`;
  const retry = () => {
    sessionStorage.setItem(LANGUAGE_KEY, language);
    window.location.reload();
  };
  return (
    // fixed at the foot of the page: the shell's header is fixed at its top
    <Alert color="yellow" role="alert" pos="fixed" bottom={16} style={{ insetInline: 16, zIndex: 1000 }} title={t(inEnglish ? 'language.notLoadedInEnglish' : 'language.notLoaded', { language: name })}>
      <Button mt="xs" variant="default" onClick={retry}>
        {t('language.retry')}
      </Button>
    </Alert>
  );
}

export function LocaleProvider({ children }: { children: ReactNode }) {
  // The tab's last choice (set at sign-in from the officer's profile), else the browser's.
  const stored = sessionStorage.getItem(LANGUAGE_KEY);
  const [language, setCurrent] = useState<Language>(isLanguage(stored) ? stored : browserLanguage());
  const [messages, setMessages] = useState<Messages | null>(language === 'en' ? en : null);
  /** a language whose messages did not load (the network dropped, or its chunk is gone after an upgrade) */
  const [failed, setFailed] = useState<{ language: Language; inEnglish: boolean } | null>(null);

  // The first language's messages; if they do not load, the page is in English and says so.
  useEffect(() => {
    let current = true;
    loadMessages(language).then(
      (loaded) => current && setMessages(loaded),
      () => {
        if (!current) return;
        setFailed({ language, inEnglish: true });
        setMessages(en);
        setCurrent('en');
      },
    );
    return () => {
      current = false;
    };
  }, [language]);

  const setLanguage = useCallback(async (next: Language) => {
    let loaded: Messages;
    try {
      loaded = await loadMessages(next);
    } catch {
      setFailed({ language: next, inEnglish: false });
      return false;
    }
    sessionStorage.setItem(LANGUAGE_KEY, next);
    setFailed(null);
    setMessages(loaded);
    setCurrent(next);
    return true;
  }, []);

  const value = useMemo(() => ({ language, setLanguage }), [language, setLanguage]);
  if (!messages) return null;
  return (
    <LocaleContext.Provider value={value}>
      <DirectionProvider initialDirection={directionOf(language)} detectDirection={false}>
        <DirectionFollower language={language} />
        <MantineProvider theme={theme}>
          <IntlProvider locale={language} messages={messages} defaultLocale="en">
            {failed && <LanguageNotLoaded {...failed} />}
            {children}
          </IntlProvider>
        </MantineProvider>
      </DirectionProvider>
    </LocaleContext.Provider>
  );
}
