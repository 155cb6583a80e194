import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { rememberValidationRules } from '@liaison/contracts';
import { FieldError } from './domain-error';

/**
 * Postgres text cannot hold U+0000: a string with it passed every DTO rule and then failed the
 * insert, a 500. Refused here for every body, query and path value, each under its field.
 */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const fields = fieldsWithNul(value, metadata.type === 'param' ? (metadata.data ?? '') : '');
      if (fields.length > 0) {
        throw new BadRequestException({
          detail: 'The request is not valid.',
          errors: fields.map((field) => ({ field, message: 'must not contain the NUL character (U+0000)' })),
        });
      }
    }
    return super.transform(value, metadata);
  }
}

/** The paths (as class-validator names them: `audience.organizations.0`) of strings, or keys, holding U+0000. */
export function fieldsWithNul(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return value.includes('\u0000') ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => fieldsWithNul(item, path ? `${path}.${index}` : String(index)));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => {
      const field = path ? `${path}.${key}` : key;
      return key.includes('\u0000') ? [field] : fieldsWithNul(inner, field);
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
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      new BadRequestException({ detail: 'The request is not valid.', errors: flattenValidationErrors(errors) }),
  });
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}
