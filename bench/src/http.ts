import { Agent, request as send } from 'undici';

/**
 * Keep-alive connections, as a reverse proxy or a browser would hold them. An idle one is closed
 * after 4 s, before the server's keep-alive timeout (5 s in Node) closes it under a new request.
 * undici, not node:http: the generator shares the two cores with what it measures, and at
 * 1,000 requests/s node:http's client took a fifth of a core (bench/README, eleventh round).
 */
const dispatcher = new Agent({ connections: 256, keepAliveTimeout: 4_000, keepAliveMaxTimeout: 4_000 });

export interface HttpReply<T = any> {
  status: number;
  body: T;
}

/** One JSON request; rejects only on network errors. */
export async function request<T = any>(method: string, url: string, body?: unknown, token?: string): Promise<HttpReply<T>> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (payload !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const reply = await send(url, { method: method as 'GET', headers, body: payload, dispatcher });
  const text = await reply.body.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: reply.statusCode, body: parsed as T };
}

/** A request that must answer `expected`; the error says what it answered instead. */
export async function expectStatus<T = any>(expected: number, method: string, url: string, body?: unknown, token?: string): Promise<T> {
  const reply = await request<T>(method, url, body, token);
  if (reply.status !== expected) {
    throw new Error(`${method} ${url} answered ${reply.status}, expected ${expected}: ${JSON.stringify(reply.body).slice(0, 500)}`);
  }
  return reply.body;
}

/** Runs `work` over `items` with at most `concurrency` at a time. */
export async function inParallel<T, R>(items: T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index], index);
      }
    }),
  );
  return results;
}
