import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { httpLogging } from './logging';
import { requestContextMiddleware } from './request-context';

export interface HttpAppOptions {
  service: string;
  title: string;
  version: string;
  description: string;
  /** the largest JSON body accepted; larger ones get 413 */
  bodyLimit?: string;
  /** the service's AsyncAPI document, served beside its OpenAPI document */
  asyncApi?: object;
  logger?: Logger;
}

/**
 * Mounts what sits in front of the routes, in order: request id and trace context, logging,
 * security headers, the body parser with its limit; and serves the API documents.
 * Create the app with `{ bodyParser: false }` so the limit here is the only one.
 */
export function configureHttpApp(app: INestApplication, options: HttpAppOptions): OpenAPIObject {
  const express = app as NestExpressApplication;
  express.use(requestContextMiddleware);
  if (options.logger) express.use(httpLogging(options.logger));
  express.use(helmet());
  express.useBodyParser('json', { limit: options.bodyLimit ?? '256kb' });
  express.disable('x-powered-by');
  app.setGlobalPrefix('api/v1', { exclude: ['health/live', 'health/ready', 'metrics'] });
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(options.title)
      .setVersion(options.version)
      .setDescription(options.description)
      .addBearerAuth()
      .build(),
  );
  const http = app.getHttpAdapter();
  http.get(`/api/v1/${options.service}/openapi.json`, (_request: unknown, response: { json(body: unknown): void }) =>
    response.json(document),
  );
  if (options.asyncApi) {
    const asyncApi = options.asyncApi;
    http.get(`/api/v1/${options.service}/asyncapi.json`, (_request: unknown, response: { json(body: unknown): void }) =>
      response.json(asyncApi),
    );
  }
  return document;
}
