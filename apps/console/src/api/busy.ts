/**
 * How often a request the services turned away as busy is sent again before the officer sees the
 * refusal, and the longest wait asked for that is still waited out (a longer one is an outage to
 * report, not a moment to sit through).
 */
export const BUSY_RETRIES = 3;
const LONGEST_WAIT_MS = 10_000;

/**
 * fetch, but a 503 with Retry-After is waited out and the request sent again, up to BUSY_RETRIES
 * times. The services answer so when a write is refused before it is read (their event delivery
 * is behind) or when their database is out of reach: nothing was done, so sending it again is
 * safe, and the officer's Save goes through a moment later instead of failing.
 */
export async function fetchWaitingOutBusy(request: Request): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    // a body is read once: the copy is kept for the next attempt
    const copy = attempt < BUSY_RETRIES ? request.clone() : undefined;
    const response = await fetch(request);
    const waitMs = response.status === 503 ? retryAfterMs(response.headers.get('retry-after')) : undefined;
    if (!copy || waitMs === undefined || waitMs > LONGEST_WAIT_MS) return response;
    await response.body?.cancel();
    await new Promise((resolve) => setTimeout(resolve, waitMs));
    request = copy;
  }
}

/** Retry-After in milliseconds, in seconds or as an HTTP date; undefined when absent or unreadable. */
function retryAfterMs(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
