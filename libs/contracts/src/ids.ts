import { v7 } from 'uuid';
import { randomFromPool } from './random-pool';

/** The last id's millisecond and counter, so ids made in one millisecond still sort in order. */
const last = { msecs: -Infinity, seq: 0 };

/**
 * A new UUIDv7 (time-ordered): what `uuid`'s `v7()` makes, monotonic in the same way (a random
 * 31-bit counter per millisecond, incremented within it), but with its random bytes from the
 * pool (random-pool.ts) instead of a `crypto.getRandomValues` call per id.
 */
export function newUuidV7(): string {
  const random = randomFromPool(16);
  const now = Date.now();
  if (now > last.msecs) {
    last.msecs = now;
    // as uuid's v7Sequence: the counter starts at a random point of its lower half
    last.seq = ((random[6] & 0x7f) << 24) | (random[7] << 16) | (random[8] << 8) | random[9];
  } else {
    last.seq = (last.seq + 1) | 0;
    if (last.seq === 0) last.msecs++;
  }
  return v7({ random, msecs: last.msecs, seq: last.seq });
}
