import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { IS_PUBLIC } from './public.decorator';

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;

const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'RFC 9457 problem details',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', description: 'a URI that names the kind of problem' },
    title: { type: 'string' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string' },
    instance: { type: 'string', description: 'the request path' },
    code: {
      type: 'string',
      description: 'why, stable and machine-readable, where there is one: `origin-only`, `seats-taken`, `invalid-input`, `brief-not-found`; a client may show its own words for it instead of `detail`',
      example: 'seats-taken',
    },
    errors: {
      type: 'array',
      description: 'the fields that are not valid (400; some 409s name the field too)',
      items: {
        type: 'object',
        required: ['field', 'message', 'code'],
        properties: {
          field: { type: 'string', example: 'audience.organizations' },
          message: { type: 'string', description: 'in English, for people' },
          code: {
            type: 'string',
            description: "why, for programs: class-validator's constraint name (`isUuid`, `maxLength`, `minLength`, `isIn`, `whitelist` for a field the body may not have) or the service's own (`audienceRequired`, `unknownOrganization`, `taken`, `min`…)",
            example: 'maxLength',
          },
          params: {
            type: 'object',
            description: 'what the message states, where a limit matters: `{ "max": 300 }`, `{ "min": 1 }`, `{ "values": [...] }` (the allowed ones), `{ "classification": "amber" }`, `{ "ids": [...] }` (the unknown ones)',
            additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'array', items: { type: 'string' } }] },
            example: { max: 300 },
          },
        },
      },
    },
  },
};

const PROBLEMS: Record<string, string> = {
  '400': 'The request is not valid: `errors` names each field.',
  '401': 'No token, or a token that is not valid or no longer honoured.',
  '403': 'The caller\'s organization or role may not make this request.',
  '404': 'Not found, or not visible to the caller.',
  '409': 'A conflict with the record\'s state, or an Idempotency-Key reused with another body.',
  '413': 'The body is too large.',
  '429': 'Too many requests: wait and retry.',
};

const WRITE_METHODS = new Set(['post', 'put', 'patch', 'delete']);

/**
 * Completes the document Nest builds from the decorators, the same way for every route: its
 * servers and licence, a summary where a route has none, security (public routes say so), and
 * the problem responses that apply, each with the problem+json schema, so generated clients
 * get typed errors.
 */
export function completeOpenApiDocument(app: INestApplication, document: OpenAPIObject): OpenAPIObject {
  const publicOperations = publicOperationIds(app);
  document.servers = [{ url: '/', description: 'this service, or the proxy (or standalone host) in front of every service' }];
  document.info.license = { name: 'United Nations terms of use', url: 'https://www.un.org/en/about-us/terms-of-use' };
  document.components = { ...document.components, schemas: { ...document.components?.schemas, Problem: PROBLEM_SCHEMA as never } };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item) as Array<[string, Operation]>) {
      if (!operation || typeof operation !== 'object' || !('responses' in operation)) continue;
      const isPublic = publicOperations.has(operation.operationId ?? '');
      operation.summary ??= summaryOf(operation.operationId ?? `${method} ${path}`);
      operation.security = isPublic ? [] : [{ bearer: [] }];
      for (const status of problemStatuses(method, path, operation, isPublic)) {
        operation.responses[status] ??= {
          description: PROBLEMS[status],
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        };
      }
    }
  }
  return document;
}

function problemStatuses(method: string, path: string, operation: Operation, isPublic: boolean): string[] {
  const write = WRITE_METHODS.has(method);
  const takesInput = write || (operation.parameters ?? []).length > 0;
  return [
    ...(takesInput ? ['400'] : []),
    ...(isPublic ? [] : ['401']),
    // reads too: some are for admins or operators only
    ...(isPublic ? [] : ['403']),
    ...(path.includes('{') ? ['404'] : []),
    ...(write && !isPublic ? ['409'] : []),
    ...(operation.requestBody ? ['413'] : []),
    '429',
  ];
}

/** `OfficersController_listDeadLetters` → "List dead letters (officers)": for routes that have no summary of their own. */
function summaryOf(operationId: string): string {
  const [controller, handler = controller] = operationId.split('_');
  const words = handler.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  const resource = controller.replace(/Controller$/, '').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} (${resource})`;
}

/** The operation ids (`<Controller>_<method>`, as Nest's swagger names them) of routes marked @Public(). */
function publicOperationIds(app: INestApplication): Set<string> {
  const ids = new Set<string>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
      if (!controller?.prototype) continue;
      const classIsPublic = Reflect.getMetadata(IS_PUBLIC, controller) === true;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        if (name === 'constructor') continue;
        const handler = controller.prototype[name];
        if (typeof handler === 'function' && (classIsPublic || Reflect.getMetadata(IS_PUBLIC, handler) === true)) ids.add(`${controller.name}_${name}`);
      }
    }
  }
  return ids;
}
