import { INestApplication } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import helmet from '@fastify/helmet';
import type { Logger } from 'pino';
import { httpLogging } from './logging';
import { completeOpenApiDocument } from './openapi-completion';
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
}

/** The largest JSON body a service accepts by default; larger ones get 413. */
export const DEFAULT_BODY_LIMIT_BYTES = 256 * 1024;

/**
 * A request must have arrived whole within this time (Node's own server default; Fastify's is no
 * limit at all, which leaves a service without a proxy in front open to slow clients). It bounds
 * receiving the request only: a live feed's response streams on for as long as it is read.
 */
const REQUEST_TIMEOUT_MS = 300_000;

/**
 * The HTTP server under Nest: Fastify, for its lower cost per request than Express. Paths match
 * case-insensitively and a trailing slash is ignored.
 */
export function createHttpAdapter(bodyLimitBytes = DEFAULT_BODY_LIMIT_BYTES): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: bodyLimitBytes,
    requestTimeout: REQUEST_TIMEOUT_MS,
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true },
  });
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
  // security headers through Fastify's own plugin, on every reply (errors and documents included)
  await fastify.register(helmet as never);
  app.setGlobalPrefix('api/v1', { exclude: ['health/live', 'health/ready', 'metrics'] });
  app.enableShutdownHooks();
  const metrics = app.get(HttpMetrics);
  fastify
    .getHttpAdapter()
    .getInstance()
    .addHook('onResponse', (request, reply, done) => {
      // The route pattern, not the URL: ids in paths would make a label per record.
      metrics.record(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
      done();
    });

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
