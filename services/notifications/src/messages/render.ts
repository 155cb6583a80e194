import { IntlMessageFormat } from 'intl-messageformat';
import { LANGUAGES, type Language } from '@liaison/contracts';
import { isReclassification, type MessageParams } from '../events/event-facts';
import { DIGEST, TEMPLATES, type Templates } from './templates';

export interface Rendered {
  title: string;
  summary: string;
}

/** Languages written right to left: their e-mails get `dir="rtl"`. */
export const RIGHT_TO_LEFT: ReadonlySet<Language> = new Set(['ar']);

const TITLE_MAX = 300;
const SUMMARY_MAX = 1000;
/** By language, then by template: a key made of both was a new string (and its hash) per call. */
const compiled = new Map<Language, Map<string, IntlMessageFormat>>();

function format(message: string, language: Language, values: Record<string, unknown>): string {
  let ofLanguage = compiled.get(language);
  if (!ofLanguage) compiled.set(language, (ofLanguage = new Map()));
  let formatter = ofLanguage.get(message);
  if (!formatter) {
    formatter = new IntlMessageFormat(message, language);
    ofLanguage.set(message, formatter);
  }
  return String(formatter.format(values as never));
}

// Times travel as ISO strings; ICU `{x, date, …}` wants Date objects.
const TIME_PARAMS = new Set(['startsAt', 'previousStartsAt']);

function values(params: MessageParams): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, TIME_PARAMS.has(k) && typeof v === 'string' ? new Date(v) : v]));
}

const clip = (text: string, max: number) => {
  // Most texts have no run of white space to squeeze: testing is cheaper than rebuilding them.
  const squeezed = (/\s\s|[^\S ]/.test(text) ? text.replace(/\s+/g, ' ') : text).trim();
  return squeezed.length > max ? `${squeezed.slice(0, max - 1)}…` : squeezed;
};

/** Title and summary of an item about an event of `type`, in one language. */
export function render(type: string, language: Language, params: MessageParams): Rendered {
  return renderWith(type, language, values(params));
}

/** The templates of a type from the wire, if it has any. */
function templatesOf(type: string): Templates | undefined {
  return Object.hasOwn(TEMPLATES, type) ? (TEMPLATES as Record<string, Templates>)[type] : undefined;
}

function renderWith(type: string, language: Language, v: Record<string, unknown>): Rendered {
  const templates = templatesOf(type);
  if (!templates) throw new Error(`notifications: no message templates for ${type}`);
  const template = templates[language] ?? templates.en;
  const title = clip(format(template.title, language, v), TITLE_MAX) || type;
  return { title, summary: clip(format(template.summary, language, v), SUMMARY_MAX) };
}

/** The same in all six languages: the fan-out picks each officer's in SQL. */
export function renderAll(type: string, params: MessageParams): Record<Language, Rendered> {
  const v = values(params);
  const all = {} as Record<Language, Rendered>;
  for (const language of LANGUAGES) all[language] = renderWith(type, language, v);
  return all;
}

export function digestSubject(language: Language, count: number): string {
  return format(DIGEST[language].subject, language, { count });
}

/** Fails at boot if a template does not parse; reclassifications make no items and have none. */
export function assertTemplatesCompile(types: readonly string[]): void {
  for (const type of types.filter((t) => !isReclassification(t))) {
    const templates = templatesOf(type);
    if (!templates) throw new Error(`notifications: no message templates for ${type}`);
    for (const language of LANGUAGES) {
      const template = templates[language];
      new IntlMessageFormat(template.title, language);
      new IntlMessageFormat(template.summary, language);
    }
  }
}
