import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Group, Stack, TextInput } from '@mantine/core';
import { trainingApi, unwrap } from '../api/client';
import { dayAtOffset } from '../common/datetime';
import { ProblemAlert, fieldError } from '../common/ProblemAlert';
import { useDateTime } from '../common/timeZone';
import { useT } from '../i18n/LocaleProvider';
import type { MessageId } from '../i18n/messages/en';
import type { EnrolmentView, SessionView } from './views';

/**
 * Completes an attended enrolment and issues its certificate (POST /enrolments/{id}/complete). The
 * day defaults to the organizer's today and is bounded as the service bounds it: not after today
 * where a day begins first (UTC+14), not before the session's first day where it ends last (UTC-12).
 */
export function CompleteEnrolment({ enrolment, session, officer }: { enrolment: EnrolmentView; session: SessionView; officer: string }) {
  const t = useT();
  const queryClient = useQueryClient();
  const { today } = useDateTime();
  const earliest = dayAtOffset(session.startsAt, -12);
  const latest = dayAtOffset(Date.now(), 14);
  const [completedOn, setCompletedOn] = useState(() => [earliest, today(), latest].sort()[1]);
  const [outOfBounds, setOutOfBounds] = useState<MessageId | null>(null);
  const complete = useMutation({
    mutationFn: () => unwrap(trainingApi.POST('/api/v1/enrolments/{id}/complete', { params: { path: { id: enrolment.id } }, body: { completedOn } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['enrolments'] }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const refusal: MessageId | null = !completedOn ? 'field.isDefined' : completedOn > latest ? 'field.notInFuture' : completedOn < earliest ? 'field.notBeforeSessionStart' : null;
    setOutOfBounds(refusal);
    if (!refusal) complete.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('training.roster.completeOf', { officer })}>
      <Stack gap={4}>
        <ProblemAlert error={complete.error} shownFields={['completedOn']} />
        <Group gap={4} align="flex-end" wrap="nowrap">
          <TextInput
            type="date"
            size="xs"
            label={t('fieldName.completedOn')}
            min={earliest}
            max={latest}
            value={completedOn}
            onChange={(event) => {
              setOutOfBounds(null);
              setCompletedOn(event.currentTarget.value);
            }}
            error={outOfBounds ? t(outOfBounds) : fieldError(complete.error, 'completedOn')}
          />
          <Button size="xs" type="submit" loading={complete.isPending}>
            {t('training.roster.complete')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
