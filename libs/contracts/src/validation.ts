import { plainToInstance } from 'class-transformer';
import { ValidationError, isUUID, validate } from 'class-validator';
import { CloudEvent, ValidationError as CloudEventValidationError } from 'cloudevents';
import {
  CLASSIFICATIONS,
  EVENT_SOURCE_PATTERN,
  EVENT_TYPE_PATTERN,
  type EventDefinition,
  type LiaisonEvent,
} from './envelope';
import { rememberValidationRules } from './validation-rules';
import { isTimestamp } from './vocabulary/temporal';

rememberValidationRules();

/** One problem, named like the `errors` of an RFC 9457 problem (API.md): `audience.officers.0`. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * Checks an event's `data` against its payload class. Unknown fields are errors, not silently
 * dropped: a publisher sending a field the contract does not know is a publisher out of date.
 */
export async function validateEventData(definition: EventDefinition, data: unknown): Promise<FieldError[]> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return [{ field: 'data', message: 'data must be a JSON object' }];
  }
  const instance = plainToInstance(definition.payload, data) as object;
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  return flatten(errors);
}

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** W3C Trace Context `traceparent`, version 00: `00-<trace id>-<parent id>-<flags>`, ids not all zero. */
const TRACEPARENT = /^00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$/;
/** The aggregate's version: a non-negative integer, written in decimal without leading zeros. */
const SEQUENCE = /^(0|[1-9][0-9]*)$/;

const REQUIRED = ['specversion', 'id', 'source', 'type', 'subject', 'time', 'datacontenttype', 'data', 'classification', 'originorg', 'sequence'] as const;
const EXTENSIONS = ['classification', 'originorg', 'sequence', 'traceparent'] as const;

/**
 * Checks the envelope (not the data): CloudEvents 1.0 as the SDK validates it, then Liaison's
 * rules for its extensions. Returns the problems; an empty list means valid.
 */
export function validateEnvelope(event: unknown): FieldError[] {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    return [{ field: '', message: 'an event must be a JSON object' }];
  }
  const e = event as Record<string, unknown>;
  const errors: FieldError[] = [];

  // The SDK fills a missing id and time itself, so their absence must be caught before it.
  for (const field of REQUIRED) {
    if (e[field] === undefined || e[field] === null) errors.push({ field, message: `${field} is required` });
  }

  try {
    new CloudEvent(e, true);
  } catch (error) {
    errors.push(...cloudEventErrors(error));
  }

  if (e.specversion !== undefined && e.specversion !== '1.0') errors.push({ field: 'specversion', message: 'specversion must be 1.0' });
  if (e.time !== undefined && !isTimestamp(e.time)) errors.push({ field: 'time', message: 'time must be an RFC 3339 date-time' });
  if (e.datacontenttype !== undefined && e.datacontenttype !== 'application/json') {
    errors.push({ field: 'datacontenttype', message: 'datacontenttype must be application/json' });
  }
  if (e.type !== undefined && !(typeof e.type === 'string' && EVENT_TYPE_PATTERN.test(e.type))) {
    errors.push({ field: 'type', message: 'type must be liaison.<aggregate>.<verb>.v<N>' });
  }
  if (e.source !== undefined && !(typeof e.source === 'string' && EVENT_SOURCE_PATTERN.test(e.source))) {
    errors.push({ field: 'source', message: 'source must be /liaison/<service>' });
  }
  for (const field of ['id', 'subject', 'originorg'] as const) {
    if (e[field] !== undefined && !(typeof e[field] === 'string' && isUUID(e[field]))) {
      errors.push({ field, message: `${field} must be a UUID` });
    }
  }
  // CloudEvents allows integer and boolean extensions, but their JSON and NATS-header forms
  // differ; Liaison sends every extension as a string so both read the same.
  for (const field of EXTENSIONS) {
    if (e[field] !== undefined && typeof e[field] !== 'string') errors.push({ field, message: `${field} must be a string` });
  }
  if (typeof e.classification === 'string' && !(CLASSIFICATIONS as readonly string[]).includes(e.classification)) {
    errors.push({ field: 'classification', message: `classification must be one of ${CLASSIFICATIONS.join(', ')}` });
  }
  if (typeof e.sequence === 'string' && !SEQUENCE.test(e.sequence)) {
    errors.push({ field: 'sequence', message: 'sequence must be a non-negative decimal integer' });
  }
  if (typeof e.traceparent === 'string' && !TRACEPARENT.test(e.traceparent)) {
    errors.push({ field: 'traceparent', message: 'traceparent must be a W3C trace context (00-<32 hex>-<16 hex>-<2 hex>)' });
  }
  // The visibility rule reads the classification from the data in some places and from the
  // envelope in others; two values would make them disagree.
  const data = e.data as Record<string, unknown> | undefined;
  if (data && typeof data === 'object' && 'classification' in data && data.classification !== e.classification) {
    errors.push({ field: 'data.classification', message: 'data.classification must equal the classification extension' });
  }
  return dedupe(errors);
}

/** Narrows after `validateEnvelope` returned no errors. */
export function isLiaisonEvent(event: unknown): event is LiaisonEvent {
  return validateEnvelope(event).length === 0;
}

function cloudEventErrors(error: unknown): FieldError[] {
  if (error instanceof CloudEventValidationError && error.errors && error.errors.length > 0) {
    return (error.errors as unknown[]).map((e) => {
      // The SDK reports the ajv errors of its JSON schema: `instancePath` names the attribute.
      const detail = e as { instancePath?: string; dataPath?: string; message?: string; params?: { missingProperty?: string } };
      const path = detail.params?.missingProperty ?? (detail.instancePath ?? detail.dataPath ?? '').replace(/^[./]/, '');
      return { field: path || 'event', message: `CloudEvents: ${detail.message ?? String(e)}` };
    });
  }
  return [{ field: 'event', message: `CloudEvents: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` }];
}

function dedupe(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.field}\u0000${e.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
