import { LANGUAGES, type Language } from '@liaison/contracts';
import { InvalidInput, isCursorTime, isUuid } from '@liaison/http';

/**
 * Postgres text search configuration of each language; the same mapping as the SQL function
 * `dialogues_text_config` (migration CreateDialogues), which the generated `briefs.search` column
 * uses. Chinese has no stemmer in Postgres: `simple` (words as written, lower-cased).
 */
export const TEXT_SEARCH_CONFIG: Readonly<Record<Language, string>> = {
  ar: 'pg_catalog.arabic',
  zh: 'pg_catalog.simple',
  en: 'pg_catalog.english',
  fr: 'pg_catalog.french',
  ru: 'pg_catalog.russian',
  es: 'pg_catalog.spanish',
};

/**
 * The query matched against each brief in the brief's own language: one condition per language,
 * each with a constant configuration, so the GIN index on `search` serves every branch.
 */
export function matchesQuery(alias: string, parameter: string): string {
  return `(${LANGUAGES.map(
    (language) => `(${alias}.language = '${language}' AND ${alias}.search @@ websearch_to_tsquery('${TEXT_SEARCH_CONFIG[language]}', :${parameter}))`,
  ).join(' OR ')})`;
}

/** How well a brief matches, in its own language (title weighted above body). */
export function rankOf(alias: string, parameter: string): string {
  return `ts_rank(${alias}.search, websearch_to_tsquery(dialogues_text_config(${alias}.language), :${parameter}))`;
}

export interface SearchPosition {
  rank: number;
  createdAt: string;
  id: string;
}

/** Search results are paged by (rank, createdAt, id), best first; the cursor is opaque to clients. */
export function encodeSearchCursor(position: SearchPosition): string {
  return Buffer.from(JSON.stringify({ r: position.rank, c: position.createdAt, i: position.id })).toString('base64url');
}

/** A rank Postgres's `real` holds: a value it would overflow or underflow on (`1e300`) failed the query. */
function isRank(value: unknown): value is number {
  return typeof value === 'number' && (value === 0 || (Math.abs(value) >= 1e-37 && Math.abs(value) <= 1e37));
}

export function decodeSearchCursor(cursor: string): SearchPosition {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { r: unknown; c: unknown; i: unknown };
    if (isRank(value?.r) && isCursorTime(value.c) && isUuid(value.i)) {
      return { rank: value.r, createdAt: value.c, id: value.i };
    }
  } catch {
    // one error below
  }
  throw new InvalidInput([{ field: 'cursor', message: 'cursor is not one this search gave out', code: 'unknownCursor' }]);
}
