import { plainToInstance } from 'class-transformer';
import { type ValidationError, validate } from 'class-validator';
import type { EventDefinition, LiaisonEvent } from '@liaison/contracts';
import { UnprocessableEvent } from '../event-bus';

/**
 * Checks an incoming event against the catalog: its type must be one the subject carries, and its
 * data must validate against that type's payload class. Throws `UnprocessableEvent` (straight to
 * the dead letters: retrying cannot fix a payload).
 */
export async function assertValidEvent(catalog: readonly EventDefinition[], subject: string, event: LiaisonEvent): Promise<void> {
  // Several versions of a type share one subject, so the type picks the definition.
  const definition = catalog.find((candidate) => candidate.subject === subject && candidate.type === event.type);
  if (!definition) throw new UnprocessableEvent(`Event type "${event.type}" is not in the catalog for ${subject}`);
  if (event.specversion !== '1.0' || typeof event.id !== 'string') {
    throw new UnprocessableEvent(`${event.type} ${event.id}: not a CloudEvents 1.0 envelope`);
  }
  if (typeof event.data !== 'object' || event.data === null || Array.isArray(event.data)) {
    throw new UnprocessableEvent(`${event.type} ${event.id}: data is not an object`);
  }
  const errors = await validate(plainToInstance(definition.payload, event.data) as object, {
    whitelist: true,
    forbidNonWhitelisted: true,
  });
  if (errors.length > 0) {
    throw new UnprocessableEvent(`${event.type} ${event.id}: invalid payload: ${describe(errors).join('; ')}`);
  }
}

function describe(errors: ValidationError[], path = ''): string[] {
  return errors.flatMap((error) => {
    const property = `${path}${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) => `${property}: ${message}`);
    return [...own, ...describe(error.children ?? [], `${property}.`)];
  });
}
