import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { childTraceparent, currentTraceparent, runWithTraceparent } from '@liaison/contracts';

/** What follows a request through its handler, into logs, audit entries and the events it causes. */
export interface RequestContext {
  requestId: string;
  /** W3C trace context (libs/contracts trace-context): carried into the outbox and to every consumer */
  traceparent: string | undefined;
}

const requestIds = new AsyncLocalStorage<string>();

export function currentRequestContext(): RequestContext | undefined {
  const requestId = requestIds.getStore();
  return requestId ? { requestId, traceparent: currentTraceparent() } : undefined;
}

/**
 * Gives the request an id (the caller's `x-request-id` when it is sane) and continues the
 * caller's trace, or starts one; both are echoed in the response headers.
 */
export function requestContextMiddleware(request: Request, response: Response, next: NextFunction): void {
  const incomingId = request.header('x-request-id');
  const requestId = incomingId && /^[\w.-]{1,100}$/.test(incomingId) ? incomingId : randomUUID();
  const traceparent = childTraceparent(request.header('traceparent'));
  (request as Request & { id?: string }).id = requestId;
  response.setHeader('x-request-id', requestId);
  response.setHeader('traceparent', traceparent);
  requestIds.run(requestId, () => runWithTraceparent(traceparent, next));
}

/** Runs `work` as if inside a request with this context (jobs started on a request's behalf). */
export function runWithRequestContext<T>(context: { requestId: string; traceparent?: string }, work: () => T): T {
  return requestIds.run(context.requestId, () => runWithTraceparent(context.traceparent, work));
}
