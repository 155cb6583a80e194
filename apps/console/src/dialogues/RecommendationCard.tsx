import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Card, Group, NativeSelect, Stack, Text, TextInput, Timeline } from '@mantine/core';
import { dialoguesApi, unwrap } from '../api/client';
import type { RecommendationStatus, RecommendationView } from '../api/views';
import { ProblemAlert, fieldError } from '../common/ProblemAlert';
import { useFormat } from '../common/format';
import { useOrganizationNames } from '../common/registry';
import { OPEN_RECOMMENDATION_STATUSES, RECOMMENDATION_STATUSES } from '../common/vocabulary';
import { useSession } from '../auth/SessionProvider';
import { useT } from '../i18n/LocaleProvider';
import type { MessageId } from '../i18n/messages/en';

/**
 * One recommendation: owners, due date, overdue flag, its status history, and a status change
 * where the service allows one: while it is open, by officers of an owner organization or of the
 * dialogue's convenor.
 */
export function RecommendationCard({ recommendation, convenorOrganizationId }: { recommendation: RecommendationView; convenorOrganizationId: string }) {
  const t = useT();
  const { session } = useSession();
  const organizationId = session?.organizationId ?? '';
  const mayChange =
    OPEN_RECOMMENDATION_STATUSES.includes(recommendation.status) && (organizationId === convenorOrganizationId || recommendation.owners.includes(organizationId));
  const format = useFormat();
  const nameOf = useOrganizationNames();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<RecommendationStatus>(recommendation.status);
  const [note, setNote] = useState('');
  const change = useMutation({
    mutationFn: () =>
      unwrap<RecommendationView>(
        dialoguesApi.POST('/api/v1/recommendations/{id}/status', { params: { path: { id: recommendation.id } }, body: { status, ...(note ? { note } : {}) } }),
      ),
    onSuccess: async () => {
      setNote('');
      await queryClient.invalidateQueries({ queryKey: ['recommendations'] });
    },
  });
  return (
    <Card withBorder component="li" data-testid="recommendation" padding="sm">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Text fw={600}>{recommendation.text}</Text>
          <Group gap={4} wrap="nowrap">
            <Badge color="unblue.9" data-testid="recommendation-status">
              {t(`recommendation.status.${recommendation.status}` as MessageId)}
            </Badge>
            {recommendation.overdue && <Badge color="red.9">{t('recommendation.overdue')}</Badge>}
          </Group>
        </Group>
        <Text size="sm">
          {recommendation.owners.length > 0 && t('recommendation.owners', { owners: format.list(recommendation.owners.map(nameOf)) })}
          {recommendation.dueOn && ` · ${t('recommendation.dueOn', { date: format.date(recommendation.dueOn) })}`}
        </Text>
        {recommendation.history.length > 0 && (
          <Timeline bulletSize={12} lineWidth={2} active={recommendation.history.length - 1} aria-label={t('recommendation.history')}>
            {recommendation.history.map((change) => (
              <Timeline.Item key={change.changedAt + change.status} title={t(`recommendation.status.${change.status}` as MessageId)}>
                <Text size="xs">
                  {format.dateTime(change.changedAt)} · {nameOf(change.changedByOrganizationId)}
                  {change.note ? ` — ${change.note}` : ''}
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
        )}
        {mayChange && (
          <Group align="flex-end" gap="xs">
            <NativeSelect
              label={t('recommendation.newStatus')}
              value={status}
              onChange={(event) => setStatus(event.currentTarget.value as RecommendationStatus)}
              data={RECOMMENDATION_STATUSES.map((value) => ({ value, label: t(`recommendation.status.${value}` as MessageId) }))}
              error={fieldError(change.error, 'status')}
            />
            <TextInput label={t('recommendation.note')} value={note} onChange={(event) => setNote(event.currentTarget.value)} error={fieldError(change.error, 'note')} />
            <Button variant="default" onClick={() => change.mutate()} loading={change.isPending} disabled={status === recommendation.status}>
              {t('recommendation.changeStatus')}
            </Button>
          </Group>
        )}
        <ProblemAlert error={change.error} shownFields={['status', 'note']} />
      </Stack>
    </Card>
  );
}
