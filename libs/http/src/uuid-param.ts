import { Param, ParseUUIDPipe } from '@nestjs/common';
import { InvalidInput } from './domain-error';

/** A path id that is not a UUID is bad input (400, naming the parameter), not a missing record. */
export const UuidParam = (name = 'id'): ParameterDecorator =>
  Param(name, new ParseUUIDPipe({ exceptionFactory: () => new InvalidInput([{ field: name, message: `${name} must be a UUID`, code: 'isUuid' }]) }));
