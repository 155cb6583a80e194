import type { IncomingMessage, ServerResponse } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';
import { AggregatorRegistry, type Registry } from 'prom-client';
import { METRICS_REGISTRY } from '@liaison/http';
import type { DeliveryLag } from '../events/delivery-lag';
import type { ConsoleFiles } from './console-files';
import { WriteAdmission } from './write-admission';

/** A service's application, initialised, that the gateway hands requests to. */
export interface MountedApp {
  name: string;
  app: INestApplication;
}

interface Route {
  name: string;
  fastify: FastifyInstance;
}

const API = '/api/v1/';

/** methods that change something: they take turns, and are refused while the owning service's event delivery is too far behind */
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The one HTTP entry of the standalone host. Every path under /api/v1 belongs to one service: the
 * route table is built from the services' own OpenAPI documents (the first segment after /api/v1,
 * e.g. `briefs` → dialogues, plus each service's name for its documents and dead letters), and a
 * request is handed to the owner's Fastify router as it is, so it runs exactly the service's own
 * pipeline. The gateway itself answers the merged OpenAPI document, the health checks and the
 * metrics of all services, and the console's files (when built) for anything else.
 */
export class Gateway {
  private readonly owners = new Map<string, Route>();
  private readonly admission: WriteAdmission | undefined;
  private readonly document: OpenAPIObject;
  /** the security headers every service's answers carry (libs/http), on the host's own answers too */
  private readonly securityHeaders = helmet();

  private constructor(
    private readonly apps: readonly MountedApp[],
    documents: ReadonlyMap<string, OpenAPIObject>,
    private readonly console: ConsoleFiles | undefined,
    private readonly lag: DeliveryLag | undefined,
  ) {
    for (const { name, app } of apps) {
      const route = { name, fastify: (app as NestFastifyApplication).getHttpAdapter().getInstance() };
      const segments = new Set([name, ...Object.keys(documents.get(name)!.paths).map(firstSegment).filter((s): s is string => Boolean(s))]);
      for (const segment of segments) {
        const owner = this.owners.get(segment);
        if (owner && owner.name !== name) throw new Error(`Both ${owner.name} and ${name} serve /api/v1/${segment}`);
        this.owners.set(segment, route);
      }
    }
    this.document = mergeDocuments([...documents.values()]);
    this.admission = lag && lag.limitMs > 0 ? new WriteAdmission(lag) : undefined;
  }

  /** Call after every app's `init()`: waits for their routers and reads the documents they serve, so the merged one says what each says. */
  static async mount(apps: readonly MountedApp[], console?: ConsoleFiles, lag?: DeliveryLag): Promise<Gateway> {
    const documents = new Map<string, OpenAPIObject>();
    for (const { name, app } of apps) {
      const fastify = (app as NestFastifyApplication).getHttpAdapter().getInstance();
      await fastify.ready();
      const served = await fastify.inject({ method: 'GET', url: `${API}${name}/openapi.json` });
      if (served.statusCode !== 200) throw new Error(`${name} does not serve ${API}${name}/openapi.json (${served.statusCode})`);
      documents.set(name, served.json<OpenAPIObject>());
    }
    return new Gateway(apps, documents, console, lag);
  }

  /** The node:http request listener. */
  readonly handle = (request: IncomingMessage, response: ServerResponse): void => {
    this.dispatch(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, { type: 'about:blank', title: 'Internal Server Error', status: 500 }, 'application/problem+json');
      else response.destroy(error as Error);
    });
  };

  private async dispatch(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const rawPath = (request.url ?? '/').split('?')[0];
    const path = rawPath.toLowerCase().replace(/\/+$/, '') || '/';
    const segment = path.startsWith(API) ? path.slice(API.length).split('/')[0] : '';
    const owner = this.owners.get(segment);
    if (owner) {
      if (await this.refused(owner.name, segment, request, response)) return;
      return owner.fastify.routing(request, response);
    }
    // a service's own pipeline sets these on its answers; the host's answers get the same
    this.securityHeaders(request, response, () => undefined);
    if (path === '/api/v1/openapi.json') return send(response, 200, this.document);
    if (path === '/health/live' || path === '/health/ready') return this.health(path, response);
    if (path === '/metrics') return this.metrics(response);
    if (path.startsWith(API) || path === API.slice(0, -1)) {
      return send(response, 404, { type: 'about:blank', title: 'Not Found', status: 404, detail: `No route ${request.method} ${path}` }, 'application/problem+json');
    }
    if (this.console && (await this.console.serve(request, response, rawPath))) return;
    if (path === '/') return send(response, 200, { name: 'Liaison', api: '/api/v1/openapi.json', health: '/health/ready', metrics: '/metrics' });
    return send(response, 404, { type: 'about:blank', title: 'Not Found', status: 404, detail: 'The API is under /api/v1 (see /api/v1/openapi.json)' }, 'application/problem+json');
  }

  /**
   * Writes to a service go through its admission: a bounded number under way, the rest waiting
   * their turn. A write is refused before the service sees it (nothing is written, an
   * Idempotency-Key stays free) when the service's event delivery is further behind than the
   * bound or when its queue is full: 503, problem+json, Retry-After. Signing in is never
   * refused. Reads are always served.
   */
  private async refused(service: string, segment: string, request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    if (!this.admission || !WRITES.has(request.method ?? '') || segment === 'auth') return false;
    const admission = await this.admission.admit(service, response);
    if (admission.admitted) return false;
    request.resume(); // the body is not read; drained so the connection can carry the next request
    if (admission.gone) return true;
    this.securityHeaders(request, response, () => undefined);
    response.setHeader('retry-after', String(Math.max(1, Math.ceil(this.lag!.limitMs / 1000))));
    send(
      response,
      503,
      { type: 'about:blank', title: 'Service Unavailable', status: 503, detail: `${admission.reason}: nothing was written; try again after Retry-After` },
      'application/problem+json',
    );
    return true;
  }

  /** Each service's own check, asked in process; ready only when all are. */
  private async health(path: string, response: ServerResponse): Promise<void> {
    const results = await Promise.all(
      this.apps.map(async ({ name, app }) => {
        const reply = await (app as NestFastifyApplication).getHttpAdapter().getInstance().inject({ method: 'GET', url: path });
        return [name, { statusCode: reply.statusCode, ...(reply.json() as object) }] as const;
      }),
    );
    const up = results.every(([, result]) => result.statusCode === 200);
    send(response, up ? 200 : 503, { status: up ? 'ok' : 'error', services: Object.fromEntries(results) });
  }

  /** One exposition of every service's metrics, told apart by their `service` label. */
  private async metrics(response: ServerResponse): Promise<void> {
    const registries = this.apps.map(({ app }) => app.get<Registry>(METRICS_REGISTRY));
    const merged = AggregatorRegistry.aggregate(await Promise.all(registries.map((registry) => registry.getMetricsAsJSON())));
    response.writeHead(200, { 'content-type': merged.contentType });
    response.end(await merged.metrics());
  }
}

function firstSegment(path: string): string | undefined {
  return path.toLowerCase().startsWith(API) ? path.slice(API.length).split('/')[0] : undefined;
}

/** The services' documents as one: their paths, tags and schemas (same-named shared schemas are one). */
function mergeDocuments(documents: OpenAPIObject[]): OpenAPIObject {
  const merged = new DocumentBuilder()
    .setTitle('Liaison')
    .setVersion('1')
    .setDescription('Every service of Liaison, as the standalone host serves them on one port.')
    .addBearerAuth()
    .build() as OpenAPIObject;
  merged.paths = {};
  merged.components = { ...merged.components, schemas: {} };
  merged.tags = [];
  for (const document of documents) {
    Object.assign(merged.paths, document.paths);
    merged.components.schemas = { ...document.components?.schemas, ...merged.components.schemas };
    merged.tags.push(...(document.tags ?? []).filter((tag) => !merged.tags!.some((known) => known.name === tag.name)));
  }
  return merged;
}

function send(response: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  response.writeHead(status, { 'content-type': `${type}; charset=utf-8` });
  response.end(JSON.stringify(body));
}
