import { NativeSelect } from '@mantine/core';
import { organizationsApi, unwrap } from '../api/client';
import { readSession } from '../api/session';
import type { components } from '../api/generated/organizations';
import type { Language } from '../api/views';

// The document marks roles (which has a default) as required on PATCH; the service takes any subset.
type OfficerChange = components['schemas']['UpdateOfficerDto'];
import { useLocale, useT } from '../i18n/LocaleProvider';
import { LANGUAGES, LANGUAGE_NAMES } from '../i18n/locales';

/** The six languages, each named in itself; signed in, the choice is saved to the officer's profile. */
export function LanguageSwitch() {
  const t = useT();
  const { language, setLanguage } = useLocale();
  const change = async (next: Language) => {
    // a language that did not load is not saved to the profile (the page says it did not load)
    if (!(await setLanguage(next))) return;
    const session = readSession();
    if (!session) return;
    try {
      await unwrap(organizationsApi.PATCH('/api/v1/officers/{id}', { params: { path: { id: session.officerId } }, body: { language: next } as OfficerChange }));
    } catch {
      // The page is in the new language either way; the profile keeps the old one until the next switch.
    }
  };
  return (
    <NativeSelect
      label={t('language.label')}
      value={language}
      onChange={(event) => void change(event.currentTarget.value as Language)}
      data={LANGUAGES.map((value) => ({ value, label: LANGUAGE_NAMES[value] }))}
      data-testid="language-switch"
    />
  );
}
