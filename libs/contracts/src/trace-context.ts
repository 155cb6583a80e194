import { AsyncLocalStorage } from 'node:async_hooks';
import { randomFromPool } from './random-pool';

/**
 * W3C Trace Context (`traceparent`) for the current unit of work: an HTTP request or the
 * handling of one event. It travels HTTP request → event (createEvent takes the current one) →
 * outbox row → NATS header → handler, so one trace spans the services an update crosses.
 */
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** What follows the work under way: its trace and, within an HTTP request, the request's id. */
interface WorkContext {
  traceparent: string;
  requestId?: string;
}

/**
 * One store for both (libs/http keeps the request id here): in Node 20 every enabled
 * AsyncLocalStorage adds its own field to every promise made.
 */
const storage = new AsyncLocalStorage<WorkContext>();

/** The traceparent of the work under way, if any. */
export function currentTraceparent(): string | undefined {
  return storage.getStore()?.traceparent;
}

/** The id of the HTTP request under way (or on whose behalf the work runs), if any. */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/**
 * Runs `work` with `traceparent` as the current one (a valid one is kept, anything else replaced);
 * the request id under way, if any, stays.
 */
export function runWithTraceparent<T>(traceparent: string | undefined, work: () => T): T {
  return runWithWorkContext({ traceparent, requestId: currentRequestId() }, work);
}

/** Runs `work` within this request id and trace (an invalid or missing traceparent is replaced). */
export function runWithWorkContext<T>(context: { traceparent?: string; requestId?: string }, work: () => T): T {
  return storage.run({ traceparent: parseTraceparent(context.traceparent) ?? newTraceparent(), requestId: context.requestId }, work);
}

/** A well-formed traceparent or undefined; the all-zero ids are invalid per the spec. */
export function parseTraceparent(value: string | undefined | null): string | undefined {
  const match = value ? TRACEPARENT.exec(value.trim().toLowerCase()) : null;
  if (!match || /^0+$/.test(match[1]) || /^0+$/.test(match[2])) return undefined;
  return match[0];
}

function randomHex(bytes: number): string {
  return randomFromPool(bytes).toString('hex');
}

/** A new trace, sampled. */
export function newTraceparent(): string {
  return `00-${randomHex(16)}-${randomHex(8)}-01`;
}

/**
 * Continues the caller's trace with a new span id under its trace id, or starts a new trace:
 * what an HTTP request does with an incoming `traceparent` header.
 */
export function childTraceparent(parent?: string | null): string {
  const valid = parseTraceparent(parent);
  if (!valid) return newTraceparent();
  const [version, traceId, , flags] = valid.split('-');
  return `${version}-${traceId}-${randomHex(8)}-${flags}`;
}
