import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { Operation, Schema } from './openapi';
import { forgedCursors, forgedIds, hostileValue, type Pools, validValue } from './values';

/** One generated request, as sent. */
export interface FuzzRequest {
  method: string;
  path: string;
  query: Array<[string, string]>;
  headers: Record<string, string>;
  /** the raw body, when there is one */
  body?: string;
  /** what the generator meant it to be: a well-formed request may still be refused (a conflict, a forbidden write) */
  intent: 'valid' | 'malformed';
  /** what was made wrong on purpose */
  broken?: string;
}

/** Tokens of several officers, and tokens that must be refused. */
export interface Tokens {
  valid: string[];
  forged: string[];
}

/** methods that change something */
export const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A request for one operation: mostly well formed, often with one thing wrong, now and then everything wrong. */
export function requestFor(operation: Operation, pools: Pools, tokens: Tokens, usedKeys: string[]): fc.Arbitrary<FuzzRequest> {
  const malformed = fc.constantFrom('path', 'query', 'body-field', 'body-missing', 'body-extra', 'body-whole', 'body-raw', 'token', 'content-type');
  return fc
    .record({
      broken: fc.option(malformed, { freq: 2 }),
      path: pathOf(operation, pools),
      query: queryOf(operation, pools),
      body: operation.body ? validValue(operation.body, pools) : fc.constant(undefined),
      hostile: hostileValue,
      field: fc.nat(),
      token: fc.constantFrom(...tokens.valid),
      forgedToken: fc.constantFrom(...tokens.forged),
      key: fc.option(fc.oneof(fc.constant('new'), usedKeys.length ? fc.constantFrom(...usedKeys.slice(-20)) : fc.constant('new'), fc.constantFrom('k'.repeat(201), 'مفتاح', '\u200f', '🕊️')), { freq: 3 }),
      raw: fc.constantFrom('{', '[1,2', 'null', '"text"', '\ufeff{}', '{"a":1}{"b":2}', '1e999', '', '['.repeat(60_000) + ']'.repeat(60_000), '{"a":'.repeat(40_000) + '1' + '}'.repeat(40_000)),
    })
    .chain((parts) => pathChoice(operation, parts.broken === 'path').map((brokenPath) => ({ ...parts, brokenPath })))
    .map((parts): FuzzRequest => {
      const headers: Record<string, string> = {};
      if (!operation.isPublic || parts.broken === 'token') headers.authorization = `Bearer ${parts.broken === 'token' ? parts.forgedToken : parts.token}`;
      if (parts.key && WRITES.has(operation.method)) headers['idempotency-key'] = parts.key === 'new' ? randomUUID() : parts.key;
      let body: string | undefined;
      let value = parts.body as Record<string, unknown> | undefined;
      if (operation.body) {
        if (parts.broken === 'body-field' || parts.broken === 'body-missing' || parts.broken === 'body-extra') value = mutate(value, operation.body, parts.broken, parts.field, parts.hostile);
        if (parts.broken === 'body-whole') value = parts.hostile as Record<string, unknown>;
        body = parts.broken === 'body-raw' ? parts.raw : JSON.stringify(value ?? {});
        headers['content-type'] = parts.broken === 'content-type' ? 'text/plain' : 'application/json';
      } else if (parts.broken === 'body-whole' && WRITES.has(operation.method)) {
        body = JSON.stringify(parts.hostile);
        headers['content-type'] = 'application/json';
      }
      const query = parts.broken === 'query' ? breakQuery(parts.query, operation, parts.hostile, parts.field) : parts.query;
      return {
        method: operation.method,
        path: parts.broken === 'path' ? parts.brokenPath : parts.path,
        query,
        headers,
        body,
        intent: parts.broken ? 'malformed' : 'valid',
        ...(parts.broken ? { broken: parts.broken } : {}),
      };
    });
}

function pathOf(operation: Operation, pools: Pools): fc.Arbitrary<string> {
  const known = pools.ids.length ? fc.constantFrom(...pools.ids) : fc.uuid();
  const names = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
  return fc.tuple(...names.map(() => fc.oneof({ weight: 4, arbitrary: known }, { weight: 1, arbitrary: fc.uuid() }))).map((values) => fill(operation.path, values));
}

function pathChoice(operation: Operation, broken: boolean): fc.Arbitrary<string> {
  const names = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
  if (!broken || names.length === 0) return fc.constant(operation.path.replace(/\{\w+\}/g, '00000000-0000-0000-0000-000000000000'));
  const bad = fc.oneof(forgedIds, fc.constantFrom('%00', '%E2%80%8F', '%D8%B9', 'x'.repeat(5_000), '..%2F..%2F', '1e300', '%F0%9F%95%8A'));
  return fc.tuple(...names.map(() => bad)).map((values) => fill(operation.path, values, false));
}

function fill(template: string, values: string[], encode = true): string {
  let index = 0;
  return template.replace(/\{\w+\}/g, () => (encode ? encodeURIComponent(values[index++]) : values[index++]));
}

function queryOf(operation: Operation, pools: Pools): fc.Arbitrary<Array<[string, string]>> {
  const parameters = operation.parameters.filter((parameter) => parameter.in === 'query');
  const entries = parameters.map((parameter) =>
    fc.option(validValue(parameter.schema, pools, parameter.name).map((value) => [parameter.name, String(value)] as [string, string]), { freq: 2 }),
  );
  // lists take ?limit= and ?cursor= even where the document does not say so
  const paging = operation.method === 'GET' && !operation.path.includes('{') ? [fc.option(pagingParameter(pools), { freq: 2 })] : [];
  return fc.tuple(...entries, ...paging).map((chosen) => chosen.filter((entry): entry is [string, string] => entry !== null));
}

function pagingParameter(pools: Pools): fc.Arbitrary<[string, string]> {
  return fc.oneof(
    fc.integer({ min: 1, max: 200 }).map((limit) => ['limit', String(limit)] as [string, string]),
    pools.cursors.length ? fc.constantFrom(...pools.cursors).map((cursor) => ['cursor', cursor] as [string, string]) : fc.constant(['limit', '5'] as [string, string]),
  );
}

function breakQuery(query: Array<[string, string]>, operation: Operation, hostile: unknown, index: number): Array<[string, string]> {
  const names = [...operation.parameters.filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name), 'limit', 'cursor', 'q', 'unknownFilter'];
  const name = names[index % names.length];
  const text = typeof hostile === 'string' ? hostile : JSON.stringify(hostile) ?? 'undefined';
  const value = name === 'cursor' && index % 3 === 0 ? fc.sample(forgedCursors, { numRuns: 1, seed: index })[0] : text;
  // a parameter sent twice arrives as an array
  return index % 5 === 0 ? [...query, [name, value], [name, value]] : [...query.filter(([key]) => key !== name), [name, value]];
}

function mutate(value: Record<string, unknown> | undefined, schema: Schema, how: string, index: number, hostile: unknown): Record<string, unknown> {
  const body = { ...(value ?? {}) };
  const keys = Object.keys(schema.properties ?? {});
  if (how === 'body-extra' || keys.length === 0) return { ...body, [index % 2 ? 'unknownField' : '__proto__']: hostile };
  const key = how === 'body-missing' && schema.required?.length ? schema.required[index % schema.required.length] : keys[index % keys.length];
  if (how === 'body-missing') delete body[key];
  else body[key] = hostile;
  return body;
}
