import { nowMs, sleep } from './clock';

export interface LoadReport {
  /** operations started */
  sent: number;
  completed: number;
  errors: number;
  /** operations never started because `maxInFlight` were still pending: the system fell behind */
  shed: number;
  firstError?: string;
}

/**
 * Open-loop load: operation i is due at start + i / rate, whether or not earlier ones finished,
 * and `send` receives that scheduled time, so latency is measured from when the request should
 * have left (no coordinated omission: a stalled system cannot slow its own load down). A timer
 * wakes when the next operation is due (a millisecond later at least) and starts what is due.
 * Past `maxInFlight` pending operations the generator sheds (counted), rather than growing
 * without bound.
 */
export async function openLoop(options: {
  rate: number;
  durationMs: number;
  maxInFlight?: number;
  send: (scheduledAt: number, index: number) => Promise<void>;
}): Promise<LoadReport> {
  const { rate, durationMs, send } = options;
  const maxInFlight = options.maxInFlight ?? 5_000;
  const report: LoadReport = { sent: 0, completed: 0, errors: 0, shed: 0 };
  const total = Math.floor((rate * durationMs) / 1000);
  const start = nowMs();
  const intervalMs = 1000 / rate;
  let inFlight = 0;
  const pending = new Set<Promise<void>>();
  let next = 0;
  while (next < total) {
    const due = Math.min(total, Math.floor((nowMs() - start) / intervalMs) + 1);
    for (; next < due; next++) {
      if (inFlight >= maxInFlight) {
        report.shed++;
        continue;
      }
      inFlight++;
      report.sent++;
      const scheduledAt = start + next * intervalMs;
      const operation = send(scheduledAt, next).then(
        () => void report.completed++,
        (error: unknown) => {
          report.errors++;
          report.firstError ??= error instanceof Error ? error.message : String(error);
        },
      );
      const tracked = operation.finally(() => {
        inFlight--;
        pending.delete(tracked);
      });
      pending.add(tracked);
    }
    // Until the next operation is due, at least a millisecond: a timer every millisecond whatever
    // the rate would cost the harness CPU in wake-ups, taken from the processes it measures.
    await sleep(Math.max(1, Math.floor(start + next * intervalMs - nowMs())));
  }
  await Promise.all(pending);
  return report;
}

/**
 * Closed-loop load: `concurrency` workers each start the next operation when theirs finishes.
 * `send` gets the operation's index and its worker's (0 … concurrency − 1): what a worker must
 * hold alone, such as a connection, goes by the worker.
 */
export async function closedLoop(options: {
  concurrency: number;
  durationMs: number;
  send: (startedAt: number, index: number, worker: number) => Promise<void>;
}): Promise<LoadReport> {
  const report: LoadReport = { sent: 0, completed: 0, errors: 0, shed: 0 };
  const end = nowMs() + options.durationMs;
  const worker = async (_: unknown, workerIndex: number) => {
    while (nowMs() < end) {
      const index = report.sent++;
      try {
        await options.send(nowMs(), index, workerIndex);
        report.completed++;
      } catch (error) {
        report.errors++;
        report.firstError ??= error instanceof Error ? error.message : String(error);
        await sleep(10);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return report;
}

/** Counts events inside a measuring window [from, to) and gives the rate per second. */
export function perSecond(count: number, fromMs: number, toMs: number): number {
  return toMs > fromMs ? (count * 1000) / (toMs - fromMs) : NaN;
}
