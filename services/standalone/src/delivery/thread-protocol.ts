import { DeadLetterNotReplayable, DependencyUnavailable } from '@liaison/messaging';
import type { AppSettings } from '../apps';

/**
 * What the HTTP (main) thread and the delivery thread say to each other: the worker's data, the
 * messages on its port, and the name of the channel nudges cross on.
 */

/** The `BroadcastChannel` (node:worker_threads) the live feed's nudges cross threads on: the subject of each. */
export const NUDGE_CHANNEL = 'liaison-standalone-nudges';

export interface DeliveryWorkerData {
  settings: AppSettings;
  /** the process's environment, read as the main thread reads it (StandaloneConfig, each service's config) */
  env: NodeJS.ProcessEnv;
}

/** The dead-letter operations of the bus port, answered by the delivery thread's bus. */
export type DeadLetterMethod = 'listDeadLetters' | 'replayDeadLetter' | 'discardDeadLetter';

/** main thread → delivery thread */
export type ToDelivery = { kind: 'call'; id: number; method: DeadLetterMethod; args: unknown[] } | { kind: 'stop' };

/** delivery thread → main thread */
export type FromDelivery =
  | { kind: 'ready' }
  | { kind: 'stopped' }
  | { kind: 'reply'; id: number; result?: unknown; error?: ThreadError };

/** An error as it crosses the port: the classes callers tell apart keep their names. */
export interface ThreadError {
  name: string;
  message: string;
  /** a Postgres error code (an outage is recognised by it) */
  code?: string;
}

export function toThreadError(error: unknown): ThreadError {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { name: error.name, message: error.message, ...(typeof code === 'string' ? { code } : {}) };
  }
  return { name: 'Error', message: String(error) };
}

export function fromThreadError(error: ThreadError): Error {
  if (error.name === 'DeadLetterNotReplayable') return new DeadLetterNotReplayable(error.message);
  if (error.name === 'DependencyUnavailable') return new DependencyUnavailable(error.message);
  return Object.assign(new Error(error.message), { name: error.name, ...(error.code ? { code: error.code } : {}) });
}
