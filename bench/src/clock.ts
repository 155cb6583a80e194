/**
 * Wall-clock milliseconds with sub-millisecond resolution, comparable across processes on this
 * machine (Postgres' clock_timestamp() and Date.now() read the same clock): timeOrigin + now().
 */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
