/** The parts of an OpenAPI 3 document the fuzzer reads. */
export interface Schema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  nullable?: boolean;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  readOnly?: boolean;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  method: string;
  /** the path template, `/api/v1/desks/{id}` */
  path: string;
  parameters: Parameter[];
  body?: Schema;
  /** statuses the document declares for the operation */
  statuses: Set<number>;
  isPublic: boolean;
}

export interface Document {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: Schema }> }; responses?: Record<string, unknown>; security?: unknown[] }>>;
  components?: { schemas?: Record<string, Schema> };
}

/** Paths the fuzzer leaves alone: the documents themselves and operators' endpoints. */
const SKIPPED = [/\/openapi\.json$/, /\/asyncapi\.json$/, /^\/metrics$/];

/** Every operation of a served document, with `$ref`s resolved (one level at a time, as used). */
export function operationsOf(document: Document): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    if (SKIPPED.some((pattern) => pattern.test(path))) continue;
    for (const [method, operation] of Object.entries(item)) {
      if (!operation || typeof operation !== 'object' || !operation.responses) continue;
      operations.push({
        method: method.toUpperCase(),
        path,
        parameters: (operation.parameters ?? []).map((parameter) => ({ ...parameter, schema: resolve(document, parameter.schema) })),
        body: resolve(document, operation.requestBody?.content?.['application/json']?.schema),
        statuses: new Set(Object.keys(operation.responses).map(Number)),
        isPublic: Array.isArray(operation.security) && operation.security.length === 0,
      });
    }
  }
  return operations;
}

/** A schema with its `$ref`s, nested ones too, replaced by what they name (cycles stop at depth 8). */
export function resolve(document: Document, schema: Schema | undefined, depth = 0): Schema | undefined {
  if (!schema || depth > 8) return schema;
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return resolve(document, document.components?.schemas?.[name], depth + 1);
  }
  const resolved: Schema = { ...schema };
  if (schema.items) resolved.items = resolve(document, schema.items, depth + 1);
  if (schema.properties) {
    resolved.properties = Object.fromEntries(Object.entries(schema.properties).map(([key, value]) => [key, resolve(document, value, depth + 1)!]));
  }
  if (schema.allOf) {
    const parts = schema.allOf.map((part) => resolve(document, part, depth + 1)!);
    return parts.reduce<Schema>(
      (merged, part) => ({ ...merged, ...part, properties: { ...merged.properties, ...part.properties }, required: [...(merged.required ?? []), ...(part.required ?? [])] }),
      { ...resolved, allOf: undefined },
    );
  }
  for (const key of ['oneOf', 'anyOf'] as const) {
    if (schema[key]) resolved[key] = schema[key]!.map((part) => resolve(document, part, depth + 1)!);
  }
  return resolved;
}
