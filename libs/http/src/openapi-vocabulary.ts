import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import { COUNTRIES, IS_CALENDAR_DATE, IS_COUNTRY_CODE, IS_TIMESTAMP } from '@liaison/contracts';

/**
 * What the OpenAPI document says of a field checked by one of the vocabulary's own validators,
 * which Nest's swagger cannot read: without it a generated client (the console's, a partner's)
 * sees a plain string where the service accepts only a time with an offset, a day or a country
 * code.
 */
const DESCRIBED: Record<string, ApiPropertyOptions> = {
  [IS_TIMESTAMP]: { format: 'date-time' },
  [IS_CALENDAR_DATE]: { format: 'date' },
  [IS_COUNTRY_CODE]: { enum: [...COUNTRIES], enumName: 'CountryCode' },
};

const SWAGGER_PROPERTY = 'swagger/apiModelProperties';
type Class = abstract new (...args: never[]) => unknown;

/**
 * Adds those formats to the swagger metadata of every body and query class the app's
 * controllers take, and of the classes nested in them; call before `SwaggerModule.createDocument`.
 * The validators stay the one place a rule is stated.
 */
export function describeValidatedVocabulary(app: INestApplication): void {
  const seen = new Set<Class>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const prototype = (wrapper.metatype as Class | undefined)?.prototype as object | undefined;
      if (!prototype) continue;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const types = (Reflect.getMetadata('design:paramtypes', prototype, name) ?? []) as unknown[];
        for (const type of types) describeClass(type, seen);
      }
    }
  }
}

function describeClass(type: unknown, seen: Set<Class>): void {
  if (!isClass(type) || seen.has(type)) return;
  seen.add(type);
  for (const metadata of getMetadataStorage().getTargetValidationMetadatas(type, '', true, false)) {
    const described = metadata.name ? DESCRIBED[metadata.name] : undefined;
    // a property without swagger metadata of its own is not in the document: leave it out
    if (described && Reflect.getMetadata(SWAGGER_PROPERTY, type.prototype, metadata.propertyName)) ApiProperty({ ...described, ...(metadata.each ? { isArray: true } : {}) } as ApiPropertyOptions)(type.prototype as object, metadata.propertyName);
  }
  for (const key of (Reflect.getMetadata('swagger/apiModelPropertiesArray', type.prototype) ?? []) as string[]) {
    const property = key.slice(1);
    const declared = (Reflect.getMetadata(SWAGGER_PROPERTY, type.prototype, property) as { type?: unknown } | undefined)?.type;
    describeClass(nestedType(declared) ?? Reflect.getMetadata('design:type', type.prototype, property), seen);
  }
}

/** `type: Audience`, `type: [Audience]` or `type: () => Audience`, as swagger's decorators take it. */
function nestedType(declared: unknown): unknown {
  const type = Array.isArray(declared) ? declared[0] : declared;
  if (typeof type === 'function' && !isClass(type)) return (type as () => unknown)();
  return type;
}

function isClass(type: unknown): type is Class {
  return typeof type === 'function' && type.prototype !== undefined && !PRIMITIVES.has(type as Class);
}

const PRIMITIVES = new Set<unknown>([String, Number, Boolean, Object, Array, Date]);
