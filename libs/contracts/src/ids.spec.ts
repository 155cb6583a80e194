import { validate, version } from 'uuid';
import { newUuidV7 } from './ids';

describe('newUuidV7', () => {
  it('makes distinct, valid version-7 ids that sort in the order they were made, also many within one millisecond', () => {
    const ids = Array.from({ length: 20_000 }, () => newUuidV7());
    expect(ids.every((id) => validate(id) && version(id) === 7)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('carries the time it was made in its first 48 bits', () => {
    const before = Date.now();
    const id = newUuidV7();
    const after = Date.now();
    const msecs = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    // never before the call; within it (or a millisecond on, when a millisecond's counter ran out)
    expect(msecs).toBeGreaterThanOrEqual(before);
    expect(msecs).toBeLessThanOrEqual(after + 1);
  });
});
