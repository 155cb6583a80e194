import { randomFillSync } from 'node:crypto';

/**
 * Random bytes cut from a pool that the CSPRNG fills 4 KiB at a time. Asking the runtime for a
 * few bytes at a time costs a call into the kernel each (`crypto.getRandomValues`, which the
 * `uuid` package calls for every id, and the trace ids of every request), many times what a
 * slice of the pool costs.
 */
const pool = Buffer.alloc(4096);
let used = pool.length;

/** `bytes` (at most 4096) random bytes, valid until the next call takes them over; copy to keep. */
export function randomFromPool(bytes: number): Buffer {
  if (used + bytes > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  used += bytes;
  return pool.subarray(used - bytes, used);
}
