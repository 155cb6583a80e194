import type { Language } from '../api/views';
import { en, type Messages } from './messages/en';

export const LANGUAGES: Language[] = ['ar', 'zh', 'en', 'fr', 'ru', 'es'];

/** Each language's name in itself, as the language switch shows it. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  ar: 'العربية',
  zh: '中文',
  en: 'English',
  fr: 'Français',
  ru: 'Русский',
  es: 'Español',
};

export const directionOf = (language: Language): 'rtl' | 'ltr' => (language === 'ar' ? 'rtl' : 'ltr');

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as string[]).includes(value);
}

/** Before sign-in the page follows the browser's languages, first supported one wins. */
export function browserLanguage(): Language {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

/** English is in the first load; the other five are chunks fetched when chosen. */
export async function loadMessages(language: Language): Promise<Messages> {
  switch (language) {
    case 'ar':
      return (await import('./messages/ar')).ar;
    case 'zh':
      return (await import('./messages/zh')).zh;
    case 'fr':
      return (await import('./messages/fr')).fr;
    case 'ru':
      return (await import('./messages/ru')).ru;
    case 'es':
      return (await import('./messages/es')).es;
    default:
      return en;
  }
}
