import { type FormEvent } from 'react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Card, Group, Loader, NativeSelect, Progress, Stack, Text, TextInput, Title } from '@mantine/core';
import { allPages, capacityBuildingApi, page, unwrap } from '../api/client';
import type { components } from '../api/generated/capacity-building';
import type { Audience, Classification } from '../api/views';
import { useSession } from '../auth/SessionProvider';
import { AudiencePicker, audienceFor } from '../common/AudiencePicker';
import { ProblemAlert, fieldError } from '../common/ProblemAlert';
import { Reach } from '../common/Reach';
import { ShowMore } from '../common/ShowMore';
import { TlpLabel } from '../common/TlpLabel';
import { useDateTime } from '../common/timeZone';
import { useFormat } from '../common/format';
import { ClassificationPicker } from '../common/ClassificationPicker';
import { useOrganizationNames } from '../common/registry';
import { useDraft } from '../common/useDraft';
import { RescheduleMilestone } from './RescheduleMilestone';
import { useProgrammeWriters } from './programmeWriters';
import { useT } from '../i18n/LocaleProvider';
import type { MessageId } from '../i18n/messages/en';

// The capacity-building service's replies, as its served OpenAPI document declares them.
type ProgrammeView = components['schemas']['ProgrammeView'];
type MilestoneView = components['schemas']['MilestoneView'];

/** Marked delayed by the service once its due date passes; a day's lag is shown as late too. */
const isLate = (milestone: MilestoneView, today: string) =>
  milestone.status === 'delayed' || (!milestone.completedOn && milestone.dueOn < today);

function Milestones({ programmeId, writes }: { programmeId: string; writes: boolean }) {
  const t = useT();
  const format = useFormat();
  const { today } = useDateTime();
  const queryClient = useQueryClient();
  const milestones = useQuery({
    queryKey: ['milestones', programmeId],
    // a programme's plan is shown whole
    queryFn: () => allPages((cursor) => unwrap(capacityBuildingApi.GET('/api/v1/milestones', { params: { query: { programmeId, ...page(200, cursor) } } }))),
  });
  const complete = useMutation({
    mutationFn: (id: string) =>
      unwrap(
        capacityBuildingApi.POST('/api/v1/milestones/{id}/complete', { params: { path: { id } }, body: { completedOn: today() } }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['milestones'] });
      await queryClient.invalidateQueries({ queryKey: ['programmes'] });
    },
  });
  return (
    <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      <ProblemAlert error={milestones.error ?? complete.error} />
      {(milestones.data ?? []).map((milestone) => (
        <Group component="li" key={milestone.id} justify="space-between" wrap="nowrap">
          <Text size="sm">
            {milestone.title} · {t('recommendation.dueOn', { date: format.date(milestone.dueOn) })}
          </Text>
          <Group gap="xs" wrap="nowrap">
            {milestone.completedOn ? (
              <Badge color="#1b6b2c">{t('programme.done')}</Badge>
            ) : (
              <>
                {isLate(milestone, today()) && <Badge color="red.9">{t('programme.late')}</Badge>}
                {writes && (
                  <>
                    <RescheduleMilestone milestone={milestone} />
                    <Button size="xs" variant="default" onClick={() => complete.mutate(milestone.id)}>
                      {t('programme.complete')}
                    </Button>
                  </>
                )}
              </>
            )}
          </Group>
        </Group>
      ))}
    </Stack>
  );
}

function PlanMilestone({ programmeId }: { programmeId: string }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [draft, update, clear, requestKey] = useDraft(`milestone-${programmeId}`, { title: '', dueOn: '' });
  const plan = useMutation({
    mutationFn: () => unwrap(capacityBuildingApi.POST('/api/v1/milestones', { body: { programmeId, title: draft.title, dueOn: draft.dueOn }, headers: { 'Idempotency-Key': requestKey } })),
    onSuccess: async () => {
      clear();
      await queryClient.invalidateQueries({ queryKey: ['milestones'] });
      await queryClient.invalidateQueries({ queryKey: ['programmes'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    plan.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Group align="flex-start" gap="xs">
        <TextInput size="xs" label={t('programme.milestoneTitle')} value={draft.title} onChange={(event) => update({ title: event.currentTarget.value })} error={fieldError(plan.error, 'title')} />
        <TextInput size="xs" type="date" label={t('recommendation.dueOnLabel')} value={draft.dueOn} onChange={(event) => update({ dueOn: event.currentTarget.value })} error={fieldError(plan.error, 'dueOn')} />
        <Button size="xs" type="submit" mt={22} loading={plan.isPending}>
          {t('programme.plan')}
        </Button>
      </Group>
      <ProblemAlert error={plan.error} shownFields={['title', 'dueOn']} />
    </form>
  );
}

function LaunchProgramme() {
  const t = useT();
  const partners = useProgrammeWriters().partners();
  const queryClient = useQueryClient();
  const [draft, update, clear, requestKey] = useDraft('programme', {
    title: '',
    partnerOrganizationId: '',
    scope: 'mediation' as ProgrammeView['scope'],
    classification: 'green' as Classification,
    audience: { organizations: [], officers: [] } as Audience,
  });
  const { session } = useSession();
  // only a partner the service accepts; the one there is, when there is only one (a non-UN officer's own organization)
  const partnerOrganizationId = partners.length === 1 ? partners[0]!.id : partners.some((partner) => partner.id === draft.partnerOrganizationId) ? draft.partnerOrganizationId : '';
  const launch = useMutation({
    mutationFn: () =>
      unwrap(
        capacityBuildingApi.POST('/api/v1/programmes', {
          body: { ...draft, partnerOrganizationId, audience: audienceFor(draft.classification, draft.audience), status: 'active' },
          headers: { 'Idempotency-Key': requestKey },
        }),
      ),
    onSuccess: async () => {
      clear();
      await queryClient.invalidateQueries({ queryKey: ['programmes'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    launch.mutate();
  };
  return (
    <Card withBorder component="section" aria-labelledby="launch-programme">
      <form onSubmit={submit} noValidate>
        <Stack gap="xs">
          <Title order={2} size="h4" id="launch-programme">
            {t('programme.launch')}
          </Title>
          <ProblemAlert error={launch.error} shownFields={['title', 'partnerOrganizationId', 'scope', 'classification', 'audience']} />
          <TextInput label={t('dialogues.field.title')} required value={draft.title} onChange={(event) => update({ title: event.currentTarget.value })} error={fieldError(launch.error, 'title')} />
          <Group grow align="flex-start">
            <NativeSelect
              label={t('programme.partnerLabel')}
              required
              value={partnerOrganizationId}
              onChange={(event) => update({ partnerOrganizationId: event.currentTarget.value })}
              data={[...(partners.length === 1 ? [] : [{ value: '', label: '—' }]), ...partners.map((organization) => ({ value: organization.id, label: organization.acronym }))]}
              error={fieldError(launch.error, 'partnerOrganizationId')}
            />
            <NativeSelect
              label={t('programme.scope')}
              value={draft.scope}
              onChange={(event) => update({ scope: event.currentTarget.value as ProgrammeView['scope'] })}
              data={[
                { value: 'mediation', label: t('theme.mediation') },
                { value: 'comprehensive', label: t('programme.comprehensive') },
              ]}
              error={fieldError(launch.error, 'scope')}
            />
          </Group>
          <ClassificationPicker value={draft.classification} onChange={(classification) => update({ classification })} error={fieldError(launch.error, 'classification')} />
          <AudiencePicker classification={draft.classification} value={draft.audience} onChange={(audience) => update({ audience })} ownOrganizationId={session?.organizationId} error={launch.error} />
          <Group>
            <Button type="submit" loading={launch.isPending}>
              {t('programme.launchButton')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** Capacity-building programmes with their milestone progress and late markers. */
export default function ProgrammesPage() {
  const t = useT();
  const nameOf = useOrganizationNames();
  const { writesTo } = useProgrammeWriters();
  // page by page, as the service lists them: the most recently launched first
  const programmes = useInfiniteQuery({
    queryKey: ['programmes'],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => unwrap(capacityBuildingApi.GET('/api/v1/programmes', { params: { query: { ...page(20, pageParam) } } })),
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = programmes.data?.pages.flatMap((reply) => reply.items) ?? [];
  return (
    <Stack maw={900}>
      <Title order={1}>{t('nav.programmes')}</Title>
      <ProblemAlert error={programmes.error} />
      {programmes.isPending && <Loader role="status" aria-label={t('loading')} />}
      {!programmes.isPending && items.length === 0 && <Text>{t('programme.none')}</Text>}
      {items.map((programme) => {
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
              <Reach record={programme} />
              <Progress
                value={progress.total ? (100 * progress.done) / progress.total : 0}
                aria-label={t('programme.progress', { done: progress.done, total: progress.total })}
              />
              <Text size="sm">
                {t('programme.progress', { done: progress.done, total: progress.total })}
                {progress.delayed > 0 && ` · ${t('programme.delayed', { delayed: progress.delayed })}`}
              </Text>
              <Milestones programmeId={programme.id} writes={writesTo(programme.partnerOrganizationId)} />
              {writesTo(programme.partnerOrganizationId) && programme.status !== 'closed' && <PlanMilestone programmeId={programme.id} />}
            </Stack>
          </Card>
        );
      })}
      <ShowMore list={programmes} />
      <LaunchProgramme />
    </Stack>
  );
}
