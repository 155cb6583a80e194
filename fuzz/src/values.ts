import fc from 'fast-check';
import type { Schema } from './openapi';

/** What earlier answers gave out: real ids and cursors, so generated requests reach real records. */
export interface Pools {
  ids: string[];
  cursors: string[];
}

/** Strings that have broken servers: right-to-left text and marks, NUL, emoji, control characters. */
const NASTY_STRINGS = [
  'الاتحاد الأفريقي — مكتب الوساطة',
  '\u200f\u202eevil\u202c',
  'a\u0000b',
  '\u0000',
  '👩🏽‍⚖️🇸🇩🕊️',
  '\ud800',
  '\uffff\ufeff',
  ' ',
  '',
  '%00',
  '../../etc/passwd',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '\r\nX-Injected: 1',
  'Zalgơ̴̢̜̤̫͚̖͍̮͎̤̓̓̈́̆̀̌̄̑̈́̋̈́̈̚',
];

export const forgedIds = fc.constantFrom(
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '------------------------------------',
  'not-a-uuid',
  '6F1C2B1E-0000-4000-8000-00000000000G',
  '1',
  '',
);

const base64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const uuid = '6f1c2b1e-0000-4000-8000-000000000000';

/** Cursors this service never gave out: absurd dates, ids and ranks in valid base64, and junk. */
export const forgedCursors = fc.oneof(
  fc.constantFrom(
    base64({ createdAt: '+275760-09-13T00:00:00.000Z', id: uuid }),
    base64({ createdAt: '-271821-04-20T00:00:00.000Z', id: uuid }),
    base64({ createdAt: '2026-02-30T00:00:00.000Z', id: uuid }),
    base64({ createdAt: '2026-01-01T00:00:00.000Z', id: '------------------------------------' }),
    base64({ r: 1e300, c: '2026-01-01T00:00:00.000Z', i: uuid }),
    base64({ r: 1e-300, c: '2026-01-01T00:00:00.000Z', i: uuid }),
    base64({ r: 'NaN', c: '2026-01-01T00:00:00.000Z', i: uuid }),
    base64({ position: '99999999999999999999' }),
    base64({ position: '-1' }),
    base64({ position: 1e300 }),
    base64('null'),
    base64('[]'),
    'r:1e300',
    '%%%',
  ),
  fc.json().map(base64),
  fc.string({ maxLength: 300 }),
);

export const hugeString = fc.integer({ min: 1_000, max: 300_000 }).chain((length) => fc.constantFrom('x', 'ع', '🕊️', '\u200f').map((unit) => unit.repeat(length)));

/** Nesting of 17 to 1,000 levels, arrays or objects (deeper ones are sent as raw bodies). */
export const deepNesting = fc.tuple(fc.integer({ min: 17, max: 1_000 }), fc.boolean()).map(([depth, arrays]) => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = arrays ? [value] : { a: value };
  return value;
});

/** Values of the wrong type, or out of any sane range, for any field. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1e300, -1e300, 2 ** 53, 1.5, '', '1', 'true', 'null', [], {}, [null], JSON.parse('{"__proto__":{"admin":true}}')),
  fc.constantFrom(...NASTY_STRINGS),
  hugeString,
  deepNesting,
  fc.array(fc.string(), { minLength: 1_001, maxLength: 1_500 }),
  forgedIds,
  forgedCursors,
  fc.constantFrom('+275760-09-13T00:00:00Z', '2026-02-30', '0000-00-00', '9999-12-31T23:59:59.999Z', '1970-01-01T00:00:00Z', 'yesterday'),
  fc.jsonValue({ maxDepth: 3 }),
);

const unicodeText = (min: number, max: number) =>
  fc.oneof(
    fc.string({ minLength: min, maxLength: max, unit: 'grapheme' }),
    fc.string({ minLength: min, maxLength: max }),
    fc.constantFrom(...NASTY_STRINGS.filter((text) => text.length >= min && text.length <= max && !text.includes('\u0000'))),
  );

/** A value the schema allows (ids mostly real ones), at its bounds now and then. */
export function validValue(schema: Schema | undefined, pools: Pools, name = ''): fc.Arbitrary<unknown> {
  if (!schema) return fc.jsonValue({ maxDepth: 2 });
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  if (schema.oneOf?.length || schema.anyOf?.length) return fc.oneof(...(schema.oneOf ?? schema.anyOf)!.map((part) => validValue(part, pools, name)));
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type ?? (schema.properties ? 'object' : undefined)) {
    case 'string':
      return stringValue(schema, pools, name);
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? -1_000;
      const max = schema.maximum ?? 1_000;
      const integer = fc.integer({ min: Math.ceil(min), max: Math.floor(Math.max(min, max)) });
      return fc.oneof({ weight: 4, arbitrary: integer }, { weight: 1, arbitrary: fc.constantFrom(min, max) });
    }
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? 4, 4));
      return fc.array(validValue(schema.items, pools, name), { minLength, maxLength });
    }
    case 'object': {
      const properties = Object.fromEntries(
        Object.entries(schema.properties ?? {}).filter(([, inner]) => !inner.readOnly).map(([key, inner]) => [key, validValue(inner, pools, key)]),
      );
      return fc.record(properties, { requiredKeys: (schema.required ?? []).filter((key) => key in properties) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringValue(schema: Schema, pools: Pools, name: string): fc.Arbitrary<string> {
  const known = pools.ids.length ? fc.constantFrom(...pools.ids) : fc.uuid();
  switch (schema.format) {
    case 'uuid':
      return fc.oneof({ weight: 3, arbitrary: known }, { weight: 1, arbitrary: fc.uuid() });
    case 'email':
      return fc.emailAddress().filter((address) => address.length <= 200);
    case 'date-time':
      return fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((date) => date.toISOString());
    case 'date':
      return fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10));
    case 'uri':
    case 'url':
      return fc.webUrl({ validSchemes: ['https'] }).filter((url) => url.length <= 500);
  }
  if (name === 'cursor' && pools.cursors.length) return fc.constantFrom(...pools.cursors);
  if (schema.pattern) {
    try {
      return fc.stringMatching(new RegExp(schema.pattern)).filter((text) => text.length <= (schema.maxLength ?? 500));
    } catch {
      // a pattern JavaScript does not read: plain text below
    }
  }
  const min = schema.minLength ?? 1;
  const max = Math.max(min, Math.min(schema.maxLength ?? 40, 200));
  return fc.oneof({ weight: 4, arbitrary: unicodeText(min, max) }, { weight: 1, arbitrary: fc.constantFrom('x'.repeat(min), 'ع'.repeat(max)) });
}
