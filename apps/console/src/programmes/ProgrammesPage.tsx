import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Card, Group, Loader, Progress, Stack, Text, Title } from '@mantine/core';
import type { Classification, Page } from '../api/views';
import { apiFetch } from '../api/untyped';
import { ProblemAlert } from '../common/ProblemAlert';
import { TlpLabel } from '../common/TlpLabel';
import { useFormat } from '../common/format';
import { useOrganizationNames } from '../common/registry';
import { useT } from '../i18n/LocaleProvider';
import type { MessageId } from '../i18n/messages/en';

// Shapes from API.md (the capacity-building service's document is not generated yet).
interface ProgrammeView {
  id: string;
  title: string;
  partnerOrganizationId: string;
  scope: 'mediation' | 'comprehensive';
  status: 'planned' | 'active' | 'closed';
  startsOn?: string | null;
  endsOn?: string | null;
  classification: Classification;
  progress?: { done: number; total: number; delayed: number };
}
interface MilestoneView {
  id: string;
  programmeId: string;
  title: string;
  dueOn: string;
  status?: string;
  completedOn?: string | null;
  delayed?: boolean;
}

const isLate = (milestone: MilestoneView) =>
  milestone.status === 'delayed' || milestone.delayed === true || (!milestone.completedOn && milestone.dueOn < new Date().toISOString().slice(0, 10));

function Milestones({ programmeId }: { programmeId: string }) {
  const t = useT();
  const format = useFormat();
  const queryClient = useQueryClient();
  const milestones = useQuery({
    queryKey: ['milestones', programmeId],
    queryFn: () => apiFetch<Page<MilestoneView>>('GET', `/milestones?programmeId=${programmeId}&limit=200`),
  });
  const complete = useMutation({
    mutationFn: (id: string) => apiFetch<MilestoneView>('POST', `/milestones/${id}/complete`, { completedOn: new Date().toISOString().slice(0, 10) }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['milestones'] }),
  });
  return (
    <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      <ProblemAlert error={milestones.error ?? complete.error} />
      {(milestones.data?.items ?? []).map((milestone) => (
        <Group component="li" key={milestone.id} justify="space-between" wrap="nowrap">
          <Text size="sm">
            {milestone.title} · {t('recommendation.dueOn', { date: format.date(milestone.dueOn) })}
          </Text>
          <Group gap="xs" wrap="nowrap">
            {milestone.completedOn ? (
              <Badge color="green.9">{t('programme.done')}</Badge>
            ) : (
              <>
                {isLate(milestone) && <Badge color="red.9">{t('programme.late')}</Badge>}
                <Button size="xs" variant="default" onClick={() => complete.mutate(milestone.id)}>
                  {t('programme.complete')}
                </Button>
              </>
            )}
          </Group>
        </Group>
      ))}
    </Stack>
  );
}

/** Capacity-building programmes with their milestone progress and late markers. */
export default function ProgrammesPage() {
  const t = useT();
  const nameOf = useOrganizationNames();
  const programmes = useQuery({ queryKey: ['programmes'], queryFn: () => apiFetch<Page<ProgrammeView>>('GET', '/programmes?limit=200') });
  return (
    <Stack maw={900}>
      <Title order={1}>{t('nav.programmes')}</Title>
      <ProblemAlert error={programmes.error} />
      {programmes.isPending && <Loader role="status" aria-label={t('loading')} />}
      {programmes.data?.items.length === 0 && <Text>{t('programme.none')}</Text>}
      {(programmes.data?.items ?? []).map((programme) => {
        const progress = programme.progress ?? { done: 0, total: 0, delayed: 0 };
        return (
          <Card withBorder key={programme.id} component="section" aria-label={programme.title}>
            <Stack gap="xs">
              <Group justify="space-between" wrap="nowrap">
                <Title order={2} size="h4">
                  {programme.title}
                </Title>
                <Group gap={4} wrap="nowrap">
                  <Badge variant="outline" color="gray.8">
                    {t(`programme.status.${programme.status}` as MessageId)}
                  </Badge>
                  <TlpLabel classification={programme.classification} />
                </Group>
              </Group>
              <Text size="sm">{t('programme.partner', { partner: nameOf(programme.partnerOrganizationId) })}</Text>
              <Progress
                value={progress.total ? (100 * progress.done) / progress.total : 0}
                aria-label={t('programme.progress', { done: progress.done, total: progress.total })}
              />
              <Text size="sm">
                {t('programme.progress', { done: progress.done, total: progress.total })}
                {progress.delayed > 0 && ` · ${t('programme.delayed', { delayed: progress.delayed })}`}
              </Text>
              <Milestones programmeId={programme.id} />
            </Stack>
          </Card>
        );
      })}
    </Stack>
  );
}
