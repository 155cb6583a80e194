/**
 * What went wrong, in the domain's words. Services throw these; `ProblemDetailsFilter` maps each
 * kind to its HTTP status in one place, so a client can tell "not found" from "conflict".
 */
export type DomainErrorKind = 'invalid' | 'forbidden' | 'not-found' | 'conflict' | 'too-many';

export interface FieldError {
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    /** stable, machine-readable: `organization-not-found`, `acronym-taken` */
    readonly code: string,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFound extends DomainError {
  constructor(resource: string) {
    super('not-found', `${resource}-not-found`, `No ${resource} with this id, or not one you may see.`);
  }
}

export class Forbidden extends DomainError {
  constructor(message: string) {
    super('forbidden', 'forbidden', message);
  }
}

export class Conflict extends DomainError {
  constructor(code: string, message: string, errors: FieldError[] = []) {
    super('conflict', code, message, errors);
  }
}

export class InvalidInput extends DomainError {
  constructor(errors: FieldError[], message = 'The request is not valid.') {
    super('invalid', 'invalid-input', message, errors);
  }
}

/** A limit reached (429): the client may try again after `retryAfterSeconds` (its Retry-After header). */
export class TooManyRequests extends DomainError {
  constructor(
    code: string,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('too-many', code, message);
  }
}
