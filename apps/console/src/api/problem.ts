// RFC 9457 problem details from the API, kept whole so a form can show each `errors[]` entry
// next to the field it names and the rest above the form.
export interface FieldError {
  field: string;
  message: string;
}

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly errors: FieldError[],
  ) {
    super(detail ?? title);
  }

  /** The message for one field (`audience.organizations` also matches `audience`). */
  fieldError(field: string): string | undefined {
    return this.errors.find((error) => error.field === field || error.field.startsWith(`${field}.`) || error.field.startsWith(`${field}[`))?.message;
  }

  /** Errors naming none of the fields a form shows: they go above it. */
  otherErrors(shown: string[]): FieldError[] {
    return this.errors.filter((error) => !shown.some((field) => error.field === field || error.field.startsWith(`${field}.`) || error.field.startsWith(`${field}[`)));
  }
}

export function problemFrom(status: number, body: unknown): ApiProblem {
  const problem = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const errors = Array.isArray(problem.errors)
    ? problem.errors
        .filter((error): error is FieldError => !!error && typeof error === 'object' && 'field' in error)
        .map((error) => ({ field: String(error.field), message: String(error.message) }))
    : [];
  return new ApiProblem(status, String(problem.title ?? `HTTP ${status}`), problem.detail === undefined ? undefined : String(problem.detail), errors);
}
