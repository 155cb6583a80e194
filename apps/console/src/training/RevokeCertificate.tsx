import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { trainingApi, unwrap } from '../api/client';
import { ProblemAlert, fieldError } from '../common/ProblemAlert';
import { useT } from '../i18n/LocaleProvider';

/** The service's bounds of a revocation's reason (RevokeCertificateDto: 1 to 2000 characters). */
const REASON_MAX = 2000;

/**
 * The confirmation step of revoking a certificate (POST /certificates/{id}/revoke) with the reason
 * it requires, which whoever checks the certificate then reads with the day it was revoked.
 */
export function RevokeCertificate({ certificateId, officer, onDone }: { certificateId: string; officer: string; onDone: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [empty, setEmpty] = useState(false);
  const revoke = useMutation({
    mutationFn: () => unwrap(trainingApi.POST('/api/v1/certificates/{id}/revoke', { params: { path: { id: certificateId } }, body: { reason: reason.trim() } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['certificate', certificateId] });
      onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setEmpty(!reason.trim());
    if (reason.trim()) revoke.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('training.revoke.title', { officer })} data-testid="revoke-certificate-form">
      <Stack gap={4}>
        <Text size="sm">{t('training.revoke.warning')}</Text>
        <ProblemAlert error={revoke.error} shownFields={['reason']} />
        <Textarea
          size="xs"
          required
          autosize
          minRows={2}
          maxLength={REASON_MAX}
          label={t('training.revoke.reason')}
          value={reason}
          onChange={(event) => {
            setEmpty(false);
            setReason(event.currentTarget.value);
          }}
          error={empty ? t('field.minLength', { min: 1 }) : fieldError(revoke.error, 'reason')}
        />
        <Group gap="xs">
          <Button size="xs" type="submit" color="red.9" loading={revoke.isPending}>
            {t('training.revoke.confirm')}
          </Button>
          <Button size="xs" variant="default" onClick={onDone}>
            {t('training.revoke.keep')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
