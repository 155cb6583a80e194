import { type FormEvent } from 'react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Card, Group, Loader, MultiSelect, NativeSelect, Stack, TagsInput, Text, TextInput, Title } from '@mantine/core';
import { dialoguesApi, page, unwrap } from '../api/client';
import type { Audience, Classification, CountryCode } from '../api/views';
import { typedCountryCodes } from '../common/vocabulary';
import type { components } from '../api/generated/dialogues';
import { useSession } from '../auth/SessionProvider';
import { AudiencePicker, audienceFor } from '../common/AudiencePicker';
import { ClassificationPicker } from '../common/ClassificationPicker';
import { Countries } from '../common/Countries';
import { ProblemAlert, fieldError } from '../common/ProblemAlert';
import { Reach } from '../common/Reach';
import { ShowMore } from '../common/ShowMore';
import { TlpLabel } from '../common/TlpLabel';
import { useFormat } from '../common/format';
import { useOrganizationNames, useOrganizations } from '../common/registry';
import { useDraft } from '../common/useDraft';
import { useT } from '../i18n/LocaleProvider';
import type { MessageId } from '../i18n/messages/en';

type Launch = components['schemas']['LaunchInitiativeDto'];
const KINDS: NonNullable<Launch['kind']>[] = ['peacemaking', 'mediation', 'crisis-diplomacy', 'preventive-diplomacy'];
const STATUSES: NonNullable<Launch['status']>[] = ['planned', 'active', 'suspended', 'concluded'];

export default function InitiativesPage() {
  const t = useT();
  const format = useFormat();
  const nameOf = useOrganizationNames();
  const organizations = useOrganizations();
  const { session } = useSession();
  const queryClient = useQueryClient();
  // page by page, as the service lists them: the most recently launched first
  const initiatives = useInfiniteQuery({
    queryKey: ['initiatives'],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => unwrap(dialoguesApi.GET('/api/v1/initiatives', { params: { query: { ...page(50, pageParam) } } })),
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = initiatives.data?.pages.flatMap((reply) => reply.items) ?? [];
  const [draft, update, clear, requestKey] = useDraft('initiative', {
    title: '',
    supporting: [] as string[],
    countries: [] as CountryCode[],
    kind: 'mediation' as NonNullable<Launch['kind']>,
    status: 'planned' as NonNullable<Launch['status']>,
    classification: 'green' as Classification,
    audience: { organizations: [], officers: [] } as Audience,
  });
  const launch = useMutation({
    mutationFn: () =>
      unwrap(
        dialoguesApi.POST('/api/v1/initiatives', {
          body: {
            title: draft.title,
            leadOrganizationId: session!.organizationId,
            supporting: draft.supporting,
            countries: draft.countries,
            kind: draft.kind,
            status: draft.status,
            classification: draft.classification,
            ...(draft.classification === 'amber' || draft.classification === 'red' ? { audience: audienceFor(draft.classification, draft.audience) } : {}),
          },
          headers: { 'Idempotency-Key': requestKey },
        }),
      ),
    onSuccess: async () => {
      clear();
      await queryClient.invalidateQueries({ queryKey: ['initiatives'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    launch.mutate();
  };
  const error = launch.error;
  return (
    <Stack maw={900}>
      <Title order={1}>{t('nav.initiatives')}</Title>
      <ProblemAlert error={initiatives.error} />
      {initiatives.isPending && <Loader role="status" aria-label={t('loading')} />}
      <Stack component="ul" gap="sm" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {items.map((initiative) => (
          <Card component="li" withBorder key={initiative.id} padding="sm">
            <Group justify="space-between" wrap="nowrap">
              <Stack gap={2}>
                <Text fw={600}>{initiative.title}</Text>
                <Text size="sm">
                  {t('initiative.lead', { lead: nameOf(initiative.leadOrganizationId) })}
                  {initiative.supporting.length > 0 && ` · ${t('initiative.supporting', { supporting: format.list(initiative.supporting.map(nameOf)) })}`}
                  {initiative.countries.length > 0 && (
                    <>
                      {' · '}
                      <Countries codes={initiative.countries} />
                    </>
                  )}
                </Text>
                <Reach record={initiative} />
              </Stack>
              <Group gap={4} wrap="nowrap">
                <Badge color="unblue.9">{t(`initiative.kind.${initiative.kind}` as MessageId)}</Badge>
                <Badge variant="outline" color="gray.8">
                  {t(`initiative.status.${initiative.status}` as MessageId)}
                </Badge>
                <TlpLabel classification={initiative.classification} />
              </Group>
            </Group>
          </Card>
        ))}
      </Stack>
      <ShowMore list={initiatives} />
      {!initiatives.isPending && items.length === 0 && <Text>{t('initiative.none')}</Text>}
      <Card withBorder component="section" aria-labelledby="launch-title">
        <form onSubmit={submit} noValidate>
          <Stack gap="xs">
            <Title order={2} size="h4" id="launch-title">
              {t('initiative.launch')}
            </Title>
            <ProblemAlert error={error} shownFields={['title', 'supporting', 'countries', 'kind', 'status', 'classification', 'audience']} />
            <TextInput label={t('dialogues.field.title')} required value={draft.title} onChange={(event) => update({ title: event.currentTarget.value })} error={fieldError(error, 'title')} />
            <Group grow align="flex-start">
              <NativeSelect label={t('initiative.kindLabel')} value={draft.kind} onChange={(event) => update({ kind: event.currentTarget.value as NonNullable<Launch['kind']> })} data={KINDS.map((value) => ({ value, label: t(`initiative.kind.${value}` as MessageId) }))} error={fieldError(error, 'kind')} />
              <NativeSelect label={t('dialogues.field.status')} value={draft.status} onChange={(event) => update({ status: event.currentTarget.value as NonNullable<Launch['status']> })} data={STATUSES.map((value) => ({ value, label: t(`initiative.status.${value}` as MessageId) }))} error={fieldError(error, 'status')} />
            </Group>
            <MultiSelect
              label={t('initiative.supportingLabel')}
              searchable
              data={(organizations.data ?? []).filter((organization) => organization.id !== session?.organizationId).map((organization) => ({ value: organization.id, label: organization.acronym }))}
              value={draft.supporting}
              onChange={(supporting) => update({ supporting })}
              error={fieldError(error, 'supporting')}
            />
            <TagsInput label={t('briefs.field.countries')} description={t('briefs.field.countriesHelp')} value={draft.countries} onChange={(countries) => update({ countries: typedCountryCodes(countries) })} error={fieldError(error, 'countries')} />
            <ClassificationPicker value={draft.classification} onChange={(classification) => update({ classification })} error={fieldError(error, 'classification')} />
            <AudiencePicker classification={draft.classification} value={draft.audience} onChange={(audience) => update({ audience })} ownOrganizationId={session?.organizationId} error={error} />
            <Group>
              <Button type="submit" loading={launch.isPending}>
                {t('initiative.launchButton')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    </Stack>
  );
}
