import type { ExecutionContext } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';

interface Window {
  /** when this window's count starts again from zero */
  endsAt: number;
  hits: number;
  /** a client over its limit is refused until then */
  blockedUntil: number;
}

const SWEEP_EVERY_MS = 60_000;

/**
 * The rate limit's counts: per client and throttler, hits in a fixed window of `ttl` that starts
 * at the client's first hit. Each request costs O(1). The throttler's default storage keeps one
 * expiry time per hit and filters (and spreads into `Math.min`) all of them on every request, so a
 * client near a high limit would cost the server O(limit) per request, and enough hits would
 * overflow the stack.
 *
 * A client over its limit is refused (429, Retry-After) until `blockDuration` has passed, then
 * starts a fresh window, as with the default storage.
 */
export class WindowedRateLimitCounts implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();
  // unref: the sweep never keeps a process alive
  private readonly sweeper = setInterval(() => this.forgetIdle(), SWEEP_EVERY_MS).unref();

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string) {
    const now = Date.now();
    const id = `${throttlerName}\u0000${key}`;
    let window = this.windows.get(id);
    if (!window || (now >= window.endsAt && now >= window.blockedUntil)) {
      window = { endsAt: now + ttl, hits: 0, blockedUntil: 0 };
      this.windows.set(id, window);
    }
    const wasBlocked = window.blockedUntil > now;
    if (!wasBlocked) {
      window.hits += 1;
      if (window.hits > limit) window.blockedUntil = now + (blockDuration > 0 ? blockDuration : ttl);
    }
    const isBlocked = window.blockedUntil > now;
    return {
      totalHits: window.hits,
      timeToExpire: Math.max(0, Math.ceil((window.endsAt - now) / 1000)),
      isBlocked,
      timeToBlockExpire: isBlocked ? Math.ceil((window.blockedUntil - now) / 1000) : 0,
    };
  }

  private forgetIdle(now = Date.now()): void {
    for (const [id, window] of this.windows) {
      if (now >= window.endsAt && now >= window.blockedUntil) this.windows.delete(id);
    }
  }
}

/**
 * The key of a client's count for a route: the throttler's own key, without the SHA-256 it puts
 * it through (which keeps keys short for a remote store; these stay in this process's memory, so
 * hashing every request's key would be CPU spent for nothing).
 */
export function rateLimitKey(context: ExecutionContext, tracker: string, throttlerName: string): string {
  return `${context.getClass().name}-${context.getHandler().name}-${throttlerName}-${tracker}`;
}
