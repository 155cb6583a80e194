import { Alert, List } from '@mantine/core';
import { ApiProblem } from '../api/problem';
import { useT } from '../i18n/LocaleProvider';

/** What a failed request said, above the form: the title and detail, and field errors no field shows. */
export function ProblemAlert({ error, shownFields = [] }: { error: unknown; shownFields?: string[] }) {
  const t = useT();
  if (!error) return null;
  const problem = error instanceof ApiProblem ? error : null;
  const others = problem?.otherErrors(shownFields) ?? [];
  const isValidation = !!problem && problem.errors.length > 0 && others.length === 0;
  return (
    <Alert color="red" role="alert" title={isValidation ? t('error.fixFields') : (problem?.title ?? t('error.unexpected'))}>
      {!isValidation && problem?.detail}
      {!problem && String((error as Error)?.message ?? error)}
      {others.length > 0 && (
        <List size="sm">
          {others.map((other) => (
            <List.Item key={other.field + other.message}>
              {other.field}: {other.message}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

/** The message the API gave for a field, to pass to a Mantine input's `error`. */
export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiProblem ? error.fieldError(field) : undefined;
}
