import { type EventDefinition, type FieldError, validateEnvelope, validateEventData } from '@liaison/contracts';
import type { LiaisonEvent } from '@liaison/contracts';
import { UnprocessableEvent } from '../event-bus';

/**
 * Checks an incoming event against the catalog, with the contracts' own validation (the one the
 * publishers use): a CloudEvents envelope, a type the subject carries, a payload that validates.
 * Throws `UnprocessableEvent`: retrying cannot fix an event, so it goes to the dead letters at once.
 */
export async function assertValidEvent(catalog: readonly EventDefinition[], subject: string, event: LiaisonEvent): Promise<void> {
  const envelopeErrors = validateEnvelope(event);
  if (envelopeErrors.length > 0) throw new UnprocessableEvent(`invalid envelope: ${describe(envelopeErrors)}`);
  // Several versions of a type share one subject, so the type picks the definition.
  const definition = catalog.find((candidate) => candidate.subject === subject && candidate.type === event.type);
  if (!definition) throw new UnprocessableEvent(`event type "${event.type}" is not in the catalog for ${subject}`);
  const dataErrors = await validateEventData(definition, event.data);
  if (dataErrors.length > 0) throw new UnprocessableEvent(`invalid ${event.type} data: ${describe(dataErrors)}`);
}

function describe(errors: FieldError[]): string {
  return errors.map(({ field, message }) => `${field}: ${message}`).join('; ');
}
