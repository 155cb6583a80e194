import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { childTraceparent, currentRequestId, currentTraceparent, runWithWorkContext } from '@liaison/contracts';

/** What follows a request through its handler, into logs, audit entries and the events it causes. */
export interface RequestContext {
  requestId: string;
  /** W3C trace context (libs/contracts trace-context): carried into the outbox and to every consumer */
  traceparent: string | undefined;
}

export function currentRequestContext(): RequestContext | undefined {
  const requestId = currentRequestId();
  return requestId ? { requestId, traceparent: currentTraceparent() } : undefined;
}

/** The one value of a request header (the first, if it was sent twice); `name` in lower case. */
export function headerOf(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Gives the request an id (the caller's `x-request-id` when it is sane) and continues the
 * caller's trace, or starts one; both are echoed in the response headers. A middleware on the
 * server's own request and response, before the framework's routing.
 */
export function requestContextMiddleware(request: IncomingMessage, response: ServerResponse, next: () => void): void {
  const incomingId = headerOf(request.headers, 'x-request-id');
  const requestId = incomingId && /^[\w.-]{1,100}$/.test(incomingId) ? incomingId : randomUUID();
  const traceparent = childTraceparent(headerOf(request.headers, 'traceparent'));
  (request as IncomingMessage & { id?: string }).id = requestId;
  response.setHeader('x-request-id', requestId);
  response.setHeader('traceparent', traceparent);
  runWithWorkContext({ requestId, traceparent }, next);
}

/** Runs `work` as if inside a request with this context (jobs started on a request's behalf). */
export function runWithRequestContext<T>(context: { requestId: string; traceparent?: string }, work: () => T): T {
  return runWithWorkContext(context, work);
}
