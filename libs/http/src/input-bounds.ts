import { InvalidInput } from './domain-error';

/** The deepest nesting of arrays and objects a JSON body may have; no contract needs more than a few levels. */
export const MAX_JSON_DEPTH = 16;
/** The most items one JSON array may hold (every list in the contract is far shorter). */
export const MAX_JSON_ARRAY_ITEMS = 1000;

/**
 * Refuses a parsed body nested deeper than MAX_JSON_DEPTH or with an array longer than
 * MAX_JSON_ARRAY_ITEMS, naming where, before validation walks it recursively (a deep body
 * overflowed the stack there: a 500). Walks with its own stack, so any body is checked safely.
 */
export function assertJsonBounds(body: unknown): void {
  const pending: Array<{ value: unknown; path: string; depth: number }> = [{ value: body, path: '', depth: 0 }];
  while (pending.length > 0) {
    const { value, path, depth } = pending.pop()!;
    if (value === null || typeof value !== 'object') continue;
    const field = path || 'body';
    if (depth >= MAX_JSON_DEPTH) {
      throw new InvalidInput([{ field, message: `must not nest objects or arrays more than ${MAX_JSON_DEPTH} levels deep`, code: 'maxDepth', params: { max: MAX_JSON_DEPTH } }]);
    }
    if (Array.isArray(value)) {
      if (value.length > MAX_JSON_ARRAY_ITEMS) {
        throw new InvalidInput([{ field, message: `must have at most ${MAX_JSON_ARRAY_ITEMS} items`, code: 'arrayMaxSize', params: { max: MAX_JSON_ARRAY_ITEMS } }]);
      }
      value.forEach((item, index) => pending.push({ value: item, path: path ? `${path}.${index}` : String(index), depth: depth + 1 }));
    } else {
      for (const [key, inner] of Object.entries(value)) pending.push({ value: inner, path: path ? `${path}.${key}` : key, depth: depth + 1 });
    }
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/**
 * A time a cursor may carry: exactly what `Date.toISOString()` writes, for a year Postgres can
 * compare (a parsable but absurd date, `+275760-…` or `-271821-…`, failed in the query: a 500).
 */
export function isCursorTime(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value)) return false;
  const time = new Date(value);
  return !Number.isNaN(time.getTime()) && time.toISOString() === value;
}
