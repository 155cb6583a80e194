import { Alert, List } from '@mantine/core';
import { ApiProblem } from '../api/problem';
import { useT } from '../i18n/LocaleProvider';
import type { MessageId } from '../i18n/messages/en';

/** Statuses with a title in the officer's language; the API's detail follows it. */
const KNOWN = [400, 403, 404, 409, 429];

/** What a failed request said, above the form: the title and detail, and field errors no field shows. */
export function ProblemAlert({ error, shownFields = [] }: { error: unknown; shownFields?: string[] }) {
  const t = useT();
  if (!error) return null;
  const problem = error instanceof ApiProblem ? error : null;
  const others = problem?.otherErrors(shownFields) ?? [];
  const isValidation = !!problem && problem.errors.length > 0 && others.length === 0;
  const known = problem && KNOWN.includes(problem.status) ? t(`problem.${problem.status}` as MessageId) : undefined;
  return (
    <Alert color="red" role="alert" title={isValidation ? t('error.fixFields') : (known ?? t('error.unexpected'))}>
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
