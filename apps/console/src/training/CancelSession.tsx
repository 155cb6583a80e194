import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { trainingApi, unwrap } from '../api/client';
import { ProblemAlert, fieldError } from '../common/ProblemAlert';
import { useT } from '../i18n/LocaleProvider';
import type { SessionView } from './views';

/**
 * The confirmation step of cancelling a session (POST /sessions/{id}/cancel), with an optional
 * reason its officers read: the session and its confirmed and waitlisted enrolments read cancelled.
 */
export function CancelSession({ session, onDone }: { session: SessionView; onDone: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const cancel = useMutation({
    mutationFn: () =>
      unwrap(trainingApi.POST('/api/v1/sessions/{id}/cancel', { params: { path: { id: session.id } }, body: reason.trim() ? { reason: reason.trim() } : {} })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['sessions'] });
      await queryClient.invalidateQueries({ queryKey: ['enrolments'] });
      onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    cancel.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('training.cancelSession.title')} data-testid="cancel-session-form">
      <Stack gap="xs">
        <Text size="sm">{t('training.cancelSession.warning')}</Text>
        <ProblemAlert error={cancel.error} shownFields={['reason']} />
        <TextInput size="xs" label={t('training.cancelSession.reason')} value={reason} onChange={(event) => setReason(event.currentTarget.value)} error={fieldError(cancel.error, 'reason')} />
        <Group gap="xs">
          <Button size="xs" type="submit" color="red.9" loading={cancel.isPending}>
            {t('training.cancelSession.confirm')}
          </Button>
          <Button size="xs" variant="default" onClick={onDone}>
            {t('training.cancelSession.keep')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
