import http from 'node:http';

/**
 * Keep-alive connections, as a reverse proxy or a browser would hold them. An idle one is closed
 * after 4 s, before the server's keep-alive timeout (5 s in Node) closes it under a new request.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 256, timeout: 4_000 });

export interface HttpReply<T = any> {
  status: number;
  body: T;
  /** the Retry-After header of a 503 or 429, in seconds */
  retryAfterSeconds?: number;
}

/** One JSON request with node:http (lighter than fetch under load); rejects only on network errors. */
export function request<T = any>(method: string, url: string, body?: unknown, token?: string): Promise<HttpReply<T>> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string | number> = { accept: 'application/json' };
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(payload);
    }
    if (token) headers.authorization = `Bearer ${token}`;
    const req = http.request(url, { method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        let parsed: unknown = text;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          // not JSON: keep the text
        }
        const retryAfter = Number(res.headers['retry-after']);
        resolve({ status: res.statusCode ?? 0, body: parsed as T, ...(Number.isFinite(retryAfter) && retryAfter >= 0 ? { retryAfterSeconds: retryAfter } : {}) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * `request`, sent again while the server refuses it with 503 and Retry-After (the standalone
 * refuses writes while its delivery is behind: nothing was written), after waiting as the header
 * says; `onRefused` counts the refusals.
 */
export async function requestHonouringRetryAfter<T = any>(method: string, url: string, body: unknown, token: string | undefined, onRefused: () => void): Promise<HttpReply<T>> {
  let reply = await request<T>(method, url, body, token);
  while (reply.status === 503 && reply.retryAfterSeconds !== undefined) {
    onRefused();
    await new Promise((resolve) => setTimeout(resolve, reply.retryAfterSeconds! * 1000));
    reply = await request<T>(method, url, body, token);
  }
  return reply;
}

/**
 * A request that must answer `expected`; the error says what it answered instead. A 503 (the
 * standalone refuses writes while its event delivery is behind) is tried again after a moment,
 * for up to a minute, as a client honouring Retry-After would.
 */
export async function expectStatus<T = any>(expected: number, method: string, url: string, body?: unknown, token?: string): Promise<T> {
  let reply = await request<T>(method, url, body, token);
  for (const deadline = Date.now() + 60_000; reply.status === 503 && expected !== 503 && Date.now() < deadline; ) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    reply = await request<T>(method, url, body, token);
  }
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
