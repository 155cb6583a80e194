import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { INestApplication } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { httpLogging } from './logging';
import { completeOpenApiDocument } from './openapi-completion';
import { describeValidatedVocabulary } from './openapi-vocabulary';
import { assertJsonBounds } from './input-bounds';
import { ShutdownDrain } from './health';
import { HttpMetrics } from './metrics';
import { requestContextMiddleware } from './request-context';

export interface HttpAppOptions {
  service: string;
  title: string;
  version: string;
  description: string;
  /** the service's AsyncAPI document, served beside its OpenAPI document */
  asyncApi?: object;
  logger?: Logger;
  /** seconds between SIGTERM (or SIGINT) and closing, while readiness is false and requests finish */
  drainSeconds?: number;
}

/** The largest JSON body a service accepts by default; larger ones get 413. */
export const DEFAULT_BODY_LIMIT_BYTES = 256 * 1024;

/**
 * A request must have arrived whole within this time (Node's own server default; Fastify's is no
 * limit at all, which leaves a service without a proxy in front open to slow clients). It bounds
 * receiving the request only: a live feed's response streams on for as long as it is read.
 */
const REQUEST_TIMEOUT_MS = 300_000;

export interface HttpAdapterOptions {
  bodyLimitBytes?: number;
  /**
   * The proxies whose `X-Forwarded-For` names the client (addresses or CIDR ranges); the client
   * address of a request from anyone else is its own peer address, whatever it sends.
   */
  trustedProxies?: string[];
}

/**
 * The HTTP server under Nest: Fastify, for its lower cost per request than Express. Paths match
 * case-insensitively and a trailing slash is ignored.
 */
export function createHttpAdapter(options: HttpAdapterOptions = {}): FastifyAdapter {
  const trustedProxies = options.trustedProxies ?? [];
  return new FastifyAdapter({
    bodyLimit: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
    trustProxy: trustedProxies.length > 0 ? trustedProxies : false,
    // what the server refuses before any route runs is problem details too
    clientErrorHandler: answerClientError,
    frameworkErrors: (error: Error, _request: unknown, reply: FastifyReply) => {
      void reply.status(400).type('application/problem+json').send(problemBody(400, 'Bad Request', error.message));
    },
    requestTimeout: REQUEST_TIMEOUT_MS,
    // a parameter of any length the server accepts reaches its route, which validates it (a 400 naming it)
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true, maxParamLength: 16_384 },
  });
}

function problemBody(status: number, title: string, detail: string): string {
  const type = `https://liaison.example.org/problems/${title.toLowerCase().replace(/\s+/g, '-')}`;
  return JSON.stringify({ type, title, status, detail });
}

/** How long a refused oversize body is still read (and dropped) so that its sender gets the 413. */
const OVERSIZE_LINGER_MS = 10_000;

/**
 * A body over the limit is refused before it is read, and Fastify then closes the connection:
 * a client still sending meets a reset instead of the 413 (a partner system would see a network
 * error, not "too large"). So the connection stays open while Node reads the rest of the body
 * and drops it, as it does for any body a route left unread, for at most OVERSIZE_LINGER_MS.
 */
function lingerOverOversizeBody(request: IncomingMessage, reply: FastifyReply): void {
  if (request.complete) return;
  reply.removeHeader('connection');
  const socket = request.socket;
  const timer = setTimeout(() => socket.destroy(), OVERSIZE_LINGER_MS);
  // whichever comes first takes the other listener away: a kept-alive connection answers many requests
  const settle = () => {
    clearTimeout(timer);
    request.off('end', settle);
    socket.off('close', settle);
  };
  request.once('end', settle);
  socket.once('close', settle);
}

/**
 * A request the HTTP parser refuses (headers too large, a malformed request line, too slow)
 * gets a problem+json answer and the connection closes, as Node does by default.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, title, detail] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'The request line or headers are larger than this service accepts.']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'The request did not arrive in time.']
        : [400, 'Bad Request', 'The request is not valid HTTP.'];
  const body = problemBody(status, title, detail);
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(error);
}

/**
 * Mounts what sits in front of the routes, in order: request id and trace context, logging,
 * security headers; records each response in the metrics; and serves the API documents.
 * Create the app with `createHttpAdapter()`, whose body limit is the only one.
 */
export async function configureHttpApp(app: INestApplication, options: HttpAppOptions): Promise<OpenAPIObject> {
  const fastify = app as NestFastifyApplication;
  fastify.use(requestContextMiddleware);
  if (options.logger) fastify.use(httpLogging(options.logger));
  app.setGlobalPrefix('api/v1', { exclude: ['health/live', 'health/ready', 'metrics'] });
  closeOnSignals(app, options.drainSeconds ?? 0);
  const metrics = app.get(HttpMetrics);
  const server = fastify.getHttpAdapter().getInstance();
  // security headers on every reply (errors and documents included); helmet's middleware is built
  // once here, where Fastify's plugin for it builds it again for every request
  const securityHeaders = helmet();
  server.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)));
  server.addHook('onSend', (request, reply, payload, done) => {
    if (reply.statusCode === 413) lingerOverOversizeBody(request.raw, reply);
    done(null, payload);
  });
  // a body nested too deep or with a huge array is a 400 before validation walks it
  server.addHook('preValidation', (request, _reply, done) => {
    try {
      assertJsonBounds(request.body);
      done();
    } catch (error) {
      done(error as Error);
    }
  });
  server.addHook('onResponse', (request, reply, done) => {
      // The route pattern, not the URL: ids in paths would make a label per record.
      metrics.record(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
      done();
    });

  describeValidatedVocabulary(app);
  const document = completeOpenApiDocument(app, SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(options.title)
      .setVersion(options.version)
      .setDescription(options.description)
      .addBearerAuth()
      .build(),
  ));
  const http = app.getHttpAdapter();
  http.get(`/api/v1/${options.service}/openapi.json`, (_request: unknown, reply: unknown) => http.reply(reply, document, 200));
  if (options.asyncApi) {
    const asyncApi = options.asyncApi;
    http.get(`/api/v1/${options.service}/asyncapi.json`, (_request: unknown, reply: unknown) => http.reply(reply, asyncApi, 200));
  }
  return document;
}

const STOP_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * On SIGTERM or SIGINT: readiness turns false at once, the service keeps serving for
 * `drainSeconds` (the load balancer stops sending meanwhile), then closes (requests in flight
 * finish, hooks run) and the process ends by the same signal. The listeners go with the app.
 */
function closeOnSignals(app: INestApplication, drainSeconds: number): void {
  const drain = app.get(ShutdownDrain);
  const onSignal = (signal: NodeJS.Signals) => {
    for (const name of STOP_SIGNALS) process.removeListener(name, onSignal);
    drain.draining = true;
    setTimeout(() => {
      void app.close().finally(() => process.kill(process.pid, signal));
    }, drainSeconds * 1000);
  };
  for (const name of STOP_SIGNALS) process.on(name, onSignal);
  (app as NestFastifyApplication).getHttpAdapter().getInstance().addHook('onClose', (_instance, done) => {
    for (const name of STOP_SIGNALS) process.removeListener(name, onSignal);
    done();
  });
}
