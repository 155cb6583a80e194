import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes, randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/** What follows a request through its handler, into logs and into the events it causes. */
export interface RequestContext {
  requestId: string;
  /** W3C trace context of this request: carried into the outbox and to every consumer */
  traceparent: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

export function currentTraceparent(): string | undefined {
  return storage.getStore()?.traceparent;
}

export function runWithRequestContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

/**
 * Continues the caller's trace (a new span id under its trace id) or starts a new one, so an
 * event can be followed from the HTTP request to every handler.
 */
export function childTraceparent(parent?: string): string {
  const match = parent ? TRACEPARENT.exec(parent) : null;
  const traceId = match && !/^0+$/.test(match[1]) ? match[1] : randomBytes(16).toString('hex');
  const flags = match ? match[3] : '01';
  return `00-${traceId}-${randomBytes(8).toString('hex')}-${flags}`;
}

export function requestContextMiddleware(request: Request, response: Response, next: NextFunction): void {
  const incomingId = request.header('x-request-id');
  const requestId = incomingId && /^[\w.-]{1,100}$/.test(incomingId) ? incomingId : randomUUID();
  const traceparent = childTraceparent(request.header('traceparent'));
  (request as Request & { id?: string }).id = requestId;
  response.setHeader('x-request-id', requestId);
  response.setHeader('traceparent', traceparent);
  storage.run({ requestId, traceparent }, () => next());
}
