import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { rememberValidationRules } from '@liaison/contracts';
import { FieldError, FieldErrorParam } from './domain-error';
import { nullFieldsNotNullable } from './null-fields';

/**
 * Postgres text cannot hold U+0000: a string with it passed every DTO rule and then failed the
 * insert, a 500. A lone UTF-16 surrogate (JSON allows `"\ud800"`) is no text at all and threw in
 * the e-mail rule, a 500. Both are refused here for every body, query and path value, each under
 * its field.
 */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // a body of `null`, a number, a string or an array is not the object a DTO describes (`null`
    // passed validation: a 500); no body at all is validated as `{}`
    const notAnObject = value === null || (value !== undefined && (typeof value !== 'object' || Array.isArray(value)));
    if (metadata.type === 'body' && isDtoClass(metadata.metatype) && notAnObject) {
      throw new BadRequestException({ detail: 'The request body must be a JSON object.', errors: [{ field: 'body', message: 'must be a JSON object', code: 'isObject' }] });
    }
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const path = metadata.type === 'param' ? (metadata.data ?? '') : '';
      const errors = [
        ...fieldsWithNul(value, path).map((field) => ({ field, message: 'must not contain the NUL character (U+0000)', code: 'noNulCharacter' })),
        ...fieldsWith(value, path, hasLoneSurrogate).map((field) => ({ field, message: 'must be valid Unicode text (no lone surrogate)', code: 'isUnicodeText' })),
        ...(metadata.type === 'param' ? [] : fieldsNamedLikeBuiltIns(value)).map((field) => ({ field, message: `property ${field.split('.').pop()} should not exist`, code: 'whitelist' })),
        ...(metadata.type === 'body' ? nullFieldsNotNullable(value, metadata.metatype) : []).map((field) => ({ field, message: 'must not be null', code: 'isNotNull' })),
      ] satisfies FieldError[];
      if (errors.length > 0) throw new BadRequestException({ detail: 'The request is not valid.', errors });
    }
    return super.transform(value, metadata);
  }
}

function isDtoClass(metatype: unknown): boolean {
  return typeof metatype === 'function' && ![Object, Array, String, Number, Boolean].includes(metatype as never);
}

/** The paths (as class-validator names them: `audience.organizations.0`) of strings, or keys, holding U+0000. */
export function fieldsWithNul(value: unknown, path = ''): string[] {
  return fieldsWith(value, path, (text) => text.includes('\u0000'));
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/**
 * The paths of keys that name a member of Object.prototype (`constructor`, `toString`…). No DTO
 * declares one, and class-validator's whitelist looks fields up in a plain object, where these
 * names are always found: such an unknown field was silently accepted instead of refused.
 */
export function fieldsNamedLikeBuiltIns(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => fieldsNamedLikeBuiltIns(item, path ? `${path}.${index}` : String(index)));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => {
    const field = path ? `${path}.${key}` : key;
    return key in Object.prototype ? [field] : fieldsNamedLikeBuiltIns(inner, field);
  });
}

/** The paths of strings, or keys, for which `bad` holds. */
function fieldsWith(value: unknown, path: string, bad: (text: string) => boolean): string[] {
  if (typeof value === 'string') return bad(value) ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => fieldsWith(item, path ? `${path}.${index}` : String(index), bad));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => {
      const field = path ? `${path}.${key}` : key;
      return bad(key) ? [field] : fieldsWith(inner, field, bad);
    });
  }
  return [];
}

/**
 * Bodies and queries are validated against their DTO: unknown fields are refused (a typo in a
 * field name must not be silently ignored), and every problem is named by its field path.
 */
export function createValidationPipe(): ValidationPipe {
  rememberValidationRules();
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    // the target (the DTO instance) lets each error find its rule's limits, the value tells a too
    // short text from a too long one; neither leaves the pipe (each error is rebuilt below)
    validationError: { target: true, value: true },
    exceptionFactory: (errors) =>
      new BadRequestException({ detail: 'The request is not valid.', errors: flattenValidationErrors(errors) }),
  });
}

/** Each failed rule as a field error: its message, its constraint name as `code`, and its limits where they matter. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]): FieldError => ({ field, message, ...reasonOf(error, constraint) }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/**
 * The constraint's name and limits, but `whitelist` for a field the body may not have, and
 * `@Length(min, max)` as the one bound its message names (`minLength` too short, `maxLength` too long).
 */
function reasonOf(error: ValidationError, constraint: string): Pick<FieldError, 'code' | 'params'> {
  if (constraint === 'whitelistValidation') return { code: 'whitelist' };
  const params = paramsOf(error, constraint);
  if (constraint === 'isLength' && params) {
    // a list checked `{ each: true }` is too long when one of its texts is
    const texts = (Array.isArray(error.value) ? error.value : [error.value]).filter((text): text is string => typeof text === 'string');
    const tooLong = params.max !== undefined && texts.some((text) => text.length > Number(params.max));
    return tooLong ? { code: 'maxLength', params: { max: params.max } } : { code: 'minLength', params: { min: params.min } };
  }
  return params ? { code: constraint, params } : { code: constraint };
}

/** The limits a message states, by constraint name, from the rule's own constraints. */
const PARAMS: Record<string, (constraints: unknown[]) => Record<string, FieldErrorParam>> = {
  maxLength: ([max]) => ({ max: Number(max) }),
  minLength: ([min]) => ({ min: Number(min) }),
  isLength: ([min, max]): Record<string, FieldErrorParam> => (max === undefined ? { min: Number(min) } : { min: Number(min), max: Number(max) }),
  max: ([max]) => ({ max: Number(max) }),
  min: ([min]) => ({ min: Number(min) }),
  arrayMaxSize: ([max]) => ({ max: Number(max) }),
  arrayMinSize: ([min]) => ({ min: Number(min) }),
  isIn: ([values]) => ({ values: (values as unknown[]).map(String) }),
  isNotIn: ([values]) => ({ values: (values as unknown[]).map(String) }),
  isEnum: ([, values]) => ({ values: (values as unknown[]).map(String) }),
};

function paramsOf(error: ValidationError, constraint: string): Record<string, FieldErrorParam> | undefined {
  const params = PARAMS[constraint];
  const target = error.target?.constructor;
  if (!params || typeof target !== 'function') return undefined;
  const rule = getMetadataStorage()
    .getTargetValidationMetadatas(target, '', false, false)
    .find((candidate) => candidate.propertyName === error.property && (candidate.name ?? candidate.type) === constraint);
  return rule?.constraints ? params(rule.constraints) : undefined;
}
