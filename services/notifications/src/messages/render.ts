import { type Formatters, IntlMessageFormat } from 'intl-messageformat';
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

function compiledFor(message: string, language: Language): IntlMessageFormat {
  let ofLanguage = compiled.get(language);
  if (!ofLanguage) compiled.set(language, (ofLanguage = new Map()));
  let formatter = ofLanguage.get(message);
  if (!formatter) {
    formatter = new IntlMessageFormat(message, language);
    ofLanguage.set(message, formatter);
  }
  return formatter;
}

function format(message: string, language: Language, values: Record<string, unknown>): string {
  return String(compiledFor(message, language).format(values as never));
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
  const v = values(params);
  return renderWith(type, language, (message) => format(message, language, v));
}

/** The templates of a type from the wire, if it has any. */
function templatesOf(type: string): Templates | undefined {
  return Object.hasOwn(TEMPLATES, type) ? (TEMPLATES as Record<string, Templates>)[type] : undefined;
}

/** The type's title and summary in `language` (English where it has none), each message formatted by `formatOne`. */
function renderWith(type: string, language: Language, formatOne: (message: string) => string): Rendered {
  const templates = templatesOf(type);
  if (!templates) throw new Error(`notifications: no message templates for ${type}`);
  const template = templates[language] ?? templates.en;
  const title = clip(formatOne(template.title), TITLE_MAX) || type;
  return { title, summary: clip(formatOne(template.summary), SUMMARY_MAX) };
}

/** An ICU date or time argument, `{startsAt, date, medium}`. */
const TIME_ARGUMENT = /\{\s*\w+\s*,\s*(date|time)\b/;

/** The types whose messages show a time, in some language. */
const TIMED_TYPES: ReadonlySet<string> = new Set(
  Object.entries(TEMPLATES as Record<string, Templates>)
    .filter(([, templates]) => Object.values(templates).some(({ title, summary }) => TIME_ARGUMENT.test(title) || TIME_ARGUMENT.test(summary)))
    .map(([type]) => type),
);

/** Whether the messages of an event of `type` show a time: every read then renders them again in its reader's zone (inReaderZone). */
export function showsTimes(type: string): boolean {
  return TIMED_TYPES.has(type);
}

/** A date and time in one zone, followed by the zone's name: its reader sees the hour where they are, and which zone that is. */
class NamedZoneFormat extends Intl.DateTimeFormat {
  constructor(
    locales: ConstructorParameters<typeof Intl.DateTimeFormat>[0],
    options: Intl.DateTimeFormatOptions | undefined,
    private readonly zone: string,
  ) {
    super(locales, { ...options, hour: 'numeric', minute: '2-digit', timeZone: zone });
  }

  override format(date?: Date | number): string {
    return `${super.format(date)} (${this.zone})`;
  }
}

/**
 * The zone itself where this runtime knows it, else UTC: a zone saved by a replica whose time-zone
 * data is newer (a zone added or renamed since) must not fail a read, an e-mail or a fan-out here.
 */
function knownZone(timeZone: string): string {
  let known = KNOWN_ZONES.get(timeZone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone });
      known = timeZone;
    } catch {
      known = 'UTC';
    }
    KNOWN_ZONES.set(timeZone, known);
  }
  return known;
}

/** Each zone's answer from knownZone, asked once: every item read in a zone would build a formatter to ask it again (zones are a few hundred names). */
const KNOWN_ZONES = new Map<string, string>();

function zonedFormatters(timeZone: string): Formatters {
  return {
    getNumberFormat: (locales, options) => new Intl.NumberFormat(locales, options as Intl.NumberFormatOptions),
    getPluralRules: (locales, options) => new Intl.PluralRules(locales, options),
    getDateTimeFormat: (locales, options) => new NamedZoneFormat(locales, options, timeZone),
  };
}

/**
 * Title and summary of an item for one reader, as an e-mail shows them: every time with its hour,
 * in the officer's chosen time zone, or in UTC (so labelled) where they chose none.
 */
export function renderInZone(type: string, language: Language, params: MessageParams, timeZone: string | null): Rendered {
  const formatters = zonedFormatters(knownZone(timeZone ?? 'UTC'));
  const v = values(params);
  return renderWith(type, language, (message) =>
    String(new IntlMessageFormat(compiledFor(message, language).getAst(), language, undefined, { formatters }).format(v as never)),
  );
}

/**
 * An item's title and summary as one reader sees them: where its messages show a time (it has
 * the params they were rendered from), rendered again in the reader's zone (renderInZone); an
 * item without params (made before they were kept, or showing no time) keeps its stored texts.
 */
export function inReaderZone<T extends Rendered>(item: T, type: string, language: Language, params: MessageParams | null, timeZone: string | null): T {
  return params ? { ...item, ...renderInZone(type, language, params, timeZone) } : item;
}

/** The same in all six languages: the fan-out picks each officer's in SQL. */
export function renderAll(type: string, params: MessageParams): Record<Language, Rendered> {
  const v = values(params);
  const all = {} as Record<Language, Rendered>;
  for (const language of LANGUAGES) all[language] = renderWith(type, language, (message) => format(message, language, v));
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
