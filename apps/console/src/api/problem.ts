// RFC 9457 problem details from the API, kept whole so a form can show each `errors[]` entry
// next to the field it names and the rest above the form. `code` (of the problem and of each field
// error) says why in a stable word the console has its own messages for; `message` and `detail`
// are the API's English, shown only for a code the console does not know.
import type { components } from './generated/dialogues';

/** As every service declares it (libs/http): `{ field, message, code, params? }`. */
export type FieldError = NonNullable<components['schemas']['Problem']['errors']>[number];

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly errors: FieldError[],
    readonly code?: string,
  ) {
    super(detail ?? title);
  }

  /** The error for one field (`audience.organizations` also matches `audience`). */
  fieldError(field: string): FieldError | undefined {
    return this.errors.find((error) => names(error, field));
  }

  /** Errors naming none of the fields a form shows: they go above it. */
  otherErrors(shown: string[]): FieldError[] {
    return this.errors.filter((error) => !shown.some((field) => names(error, field)));
  }
}

function names(error: FieldError, field: string): boolean {
  return error.field === field || error.field.startsWith(`${field}.`) || error.field.startsWith(`${field}[`);
}

/** No reply at all: the request never reached the services, or their answer never came back. */
export class Unreachable extends Error {
  constructor(readonly cause: unknown) {
    super('The services could not be reached');
  }
}

export function problemFrom(status: number, body: unknown): ApiProblem {
  const problem = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const errors = Array.isArray(problem.errors)
    ? problem.errors
        .filter((error): error is FieldError => !!error && typeof error === 'object' && 'field' in error)
        .map((error) => ({
          field: String(error.field),
          message: String(error.message),
          // a problem from elsewhere (a proxy) may have no code: its message is shown
          code: typeof error.code === 'string' ? error.code : '',
          ...(error.params && typeof error.params === 'object' ? { params: error.params } : {}),
        }))
    : [];
  return new ApiProblem(
    status,
    String(problem.title ?? `HTTP ${status}`),
    problem.detail === undefined ? undefined : String(problem.detail),
    errors,
    typeof problem.code === 'string' ? problem.code : undefined,
  );
}
