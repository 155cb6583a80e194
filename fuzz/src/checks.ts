import type { Operation } from './openapi';
import { type FuzzRequest, WRITES } from './requests';

export interface Answer {
  status: number;
  contentType: string;
  text: string;
  retryAfter?: string;
}

/** Statuses any route may give whatever its document says: a request refused before routing, the limit. */
const ANY_ROUTE = new Set([408, 413, 414, 415, 429, 431]);

/**
 * What every answer must be: never a 5xx; an error is problem+json whose `status` is the answer's,
 * with a status the route declares (or 404 for a path that matches no route); a forged token on a
 * route that needs one is a 401. Returns what is wrong, or nothing.
 */
export function problemsWith(operation: Operation, request: FuzzRequest, answer: Answer): string[] {
  const brokenPath = request.broken === 'path';
  const problems: string[] = [];
  if (answer.status >= 500 && !refusedForNow(request, answer)) problems.push(`answered ${answer.status}`);
  if (answer.status >= 400) {
    if (!answer.contentType.startsWith('application/problem+json')) problems.push(`error ${answer.status} is ${answer.contentType || 'without a content type'}, not problem+json`);
    const problem = parse(answer.text);
    if (!problem || problem.status !== answer.status || typeof problem.type !== 'string' || typeof problem.title !== 'string') {
      problems.push(`error ${answer.status} is not a problem with type, title and the same status: ${answer.text.slice(0, 200)}`);
    }
    const declared =
      operation.statuses.has(answer.status) || ANY_ROUTE.has(answer.status) || (brokenPath && (answer.status === 404 || answer.status === 400)) || refusedForNow(request, answer);
    if (!declared) problems.push(`status ${answer.status} is not one the document declares for ${operation.method} ${operation.path}`);
    if (answer.status === 400 && problem && !Array.isArray(problem.errors) && typeof problem.detail !== 'string') problems.push('a 400 that says neither which field nor why');
  }
  const forgedToken = request.broken === 'token' && !operation.isPublic;
  if (forgedToken && answer.status !== 401 && answer.status !== 429) problems.push(`a forged token got ${answer.status}, not 401`);
  if (answer.status >= 200 && answer.status < 300 && answer.status !== 204 && answer.text && !answer.contentType.includes('json')) {
    problems.push(`success ${answer.status} is ${answer.contentType}, not JSON`);
  }
  return problems;
}

/** The standalone host refuses a write while its event delivery is behind: 503 with Retry-After, nothing written. */
function refusedForNow(request: FuzzRequest, answer: Answer): boolean {
  return answer.status === 503 && Boolean(answer.retryAfter) && WRITES.has(request.method);
}

function parse(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text);
    return value && typeof value === 'object' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Real ids and cursors from a successful answer, for later requests to use. */
export function harvest(text: string, ids: string[], cursors: string[]): void {
  const value = parse(text);
  const walk = (node: unknown, key: string, depth: number) => {
    if (depth > 6 || node === null || node === undefined) return;
    if (typeof node === 'string') {
      if ((key === 'id' || key.endsWith('Id')) && /^[0-9a-f-]{36}$/.test(node) && !ids.includes(node)) ids.push(node);
      if (key === 'nextCursor' && !cursors.includes(node)) cursors.push(node);
      return;
    }
    if (Array.isArray(node)) node.slice(0, 20).forEach((item) => walk(item, key, depth + 1));
    else if (typeof node === 'object') for (const [inner, child] of Object.entries(node)) walk(child, inner, depth + 1);
  };
  walk(value, '', 0);
  if (ids.length > 400) ids.splice(0, ids.length - 400);
  if (cursors.length > 50) cursors.splice(0, cursors.length - 50);
}
