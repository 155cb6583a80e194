import { Alert, List } from '@mantine/core';
import type { ReactElement } from 'react';
import { useIntl, type IntlShape } from 'react-intl';
import { ApiProblem, Unreachable, type FieldError } from '../api/problem';
import { useT } from '../i18n/LocaleProvider';
import type { MessageId } from '../i18n/messages/en';
import { fieldLabel } from './fieldLabels';
import { formatDay, isCalendarDay } from './format';

/** Statuses with a title in the officer's language. */
const KNOWN = [400, 403, 404, 409, 429, 503];

/** What a failed request said, above the form: the title and detail, and field errors no field shows. */
export function ProblemAlert({ error, shownFields = [] }: { error: unknown; shownFields?: string[] }) {
  const t = useT();
  const intl = useIntl();
  if (!error) return null;
  const problem = error instanceof ApiProblem ? error : null;
  const others = problem?.otherErrors(shownFields) ?? [];
  const isValidation = !!problem && problem.errors.length > 0 && others.length === 0;
  const known = problem && KNOWN.includes(problem.status) ? t(`problem.${problem.status}` as MessageId) : undefined;
  // No reply at all, or something other than a problem: said in the officer's words, never the browser's English.
  const title = isValidation ? t('error.fixFields') : error instanceof Unreachable ? t('error.network') : (known ?? t('error.unexpected'));
  return (
    <Alert color="red" role="alert" title={title}>
      {!isValidation && problem && problemDetail(intl, problem)}
      {others.length > 0 && (
        <List size="sm">
          {others.map((other) => (
            <List.Item key={other.field + other.message}>
              {t('problem.fieldLine', { field: fieldLabel(intl, other.field), message: fieldErrorText(intl, other) })}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

/** The message for a field, to pass to a Mantine input's `error`: in the officer's language when its code is known. */
export function fieldError(error: unknown, field: string): ReactElement | undefined {
  const found = error instanceof ApiProblem ? error.fieldError(field) : undefined;
  return found ? <FieldErrorText error={found} /> : undefined;
}

function FieldErrorText({ error }: { error: FieldError }) {
  return <>{fieldErrorText(useIntl(), error)}</>;
}

function has(intl: IntlShape, id: string): boolean {
  return Object.prototype.hasOwnProperty.call(intl.messages, id);
}

/** `field.<code>` with its params, else the API's English message. */
export function fieldErrorText(intl: IntlShape, error: FieldError): string {
  const id = `field.${error.code}`;
  if (!error.code || !has(intl, id)) return error.message;
  return intl.formatMessage({ id }, paramsFor(intl, error.params ?? {}));
}

/** `problem.code.<code>` (any `<resource>-not-found` as `not-found`), else the API's English detail. */
export function problemDetail(intl: IntlShape, problem: ApiProblem): string | undefined {
  const code = problem.code?.endsWith('-not-found') ? 'not-found' : problem.code;
  const id = `problem.code.${code}`;
  return code && has(intl, id) ? intl.formatMessage({ id }) : problem.detail;
}

/** Lists as the language writes them (`a, b or c`); a classification as its TLP label; a calendar day (a bound's `min`, `max`) as a date. */
function paramsFor(intl: IntlShape, params: NonNullable<FieldError['params']>): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => {
      if (Array.isArray(value)) return [name, intl.formatList(value, { type: name === 'values' ? 'disjunction' : 'conjunction' })];
      if (name === 'classification') return [name, `TLP:${String(value).toUpperCase()}`];
      if (isCalendarDay(value)) return [name, formatDay(intl, value)];
      return [name, typeof value === 'number' ? value : String(value)];
    }),
  );
}
