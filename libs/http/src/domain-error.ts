/**
 * What went wrong, in the domain's words. Services throw these; `ProblemDetailsFilter` maps each
 * kind to its HTTP status in one place, so a client can tell "not found" from "conflict".
 */
export type DomainErrorKind = 'invalid' | 'forbidden' | 'not-found' | 'conflict' | 'too-many';

/**
 * One field that is not valid. `message` is English for people; `code` says why for programs (a
 * client shows its own words for it): class-validator's constraint name (`isUuid`, `maxLength`,
 * `isIn`, `whitelist` for a field the body may not have) or one of ours (`audienceRequired`,
 * `unknownOrganization`, `taken`…). `params` holds what the words need: `{ max: 300 }`, `{ values: [...] }`.
 */
export interface FieldError {
  field: string;
  message: string;
  code: string;
  params?: Record<string, FieldErrorParam>;
}

export type FieldErrorParam = string | number | boolean | string[];

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

/** A rule of who may do what; `code` names the rule (`origin-only`, `not-organizer`) so a client can say it in its own words. */
export class Forbidden extends DomainError {
  constructor(code: string, message: string) {
    super('forbidden', code, message);
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
