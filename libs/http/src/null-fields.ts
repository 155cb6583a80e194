import { DECORATORS } from '@nestjs/swagger';

type PropertyDescription = { type?: unknown; nullable?: boolean };

/**
 * The paths of fields sent as `null` that the DTO's OpenAPI description does not declare
 * `nullable`. class-validator's `@IsOptional()` takes `null` for "absent", so such a field
 * skipped every rule. A change then either ignored it silently or met it in the service
 * (`seats: null` answered 409 `seats-taken`, `partnerOrganizationId: null` a 500). Whether
 * `null` means something is the contract's to say: `nullable: true` (e.g. `deskId: null`
 * leaves the desk).
 */
export function nullFieldsNotNullable(value: unknown, dto: unknown, path = ''): string[] {
  if (!isDtoType(dto) || value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((item, index) => nullFieldsNotNullable(item, dto, path ? `${path}.${index}` : String(index)));
  const prototype = (dto as { prototype: object }).prototype;
  const declared: string[] = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES_ARRAY, prototype) ?? [];
  return declared.flatMap((entry) => {
    const name = entry.replace(/^:/, '');
    if (!Object.prototype.hasOwnProperty.call(value, name)) return [];
    const field = path ? `${path}.${name}` : name;
    const inner = (value as Record<string, unknown>)[name];
    const description: PropertyDescription = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, prototype, name) ?? {};
    if (inner === null) return description.nullable ? [] : [field];
    return nullFieldsNotNullable(inner, description.type, field);
  });
}

/** A class with an OpenAPI description of its own (a DTO, or a nested input such as `AudienceInput`), not String, Number, a thunk… */
function isDtoType(type: unknown): boolean {
  const prototype = typeof type === 'function' ? (type as { prototype?: unknown }).prototype : undefined;
  return typeof prototype === 'object' && prototype !== null && Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES_ARRAY, prototype) !== undefined;
}
