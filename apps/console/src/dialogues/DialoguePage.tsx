import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Group, List, Loader, MultiSelect, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { allPages, dialoguesApi, page, unwrap } from '../api/client';
import type { DialogueView, Page, RecommendationView } from '../api/views';
import { useSession } from '../auth/SessionProvider';
import { ProblemAlert, fieldError } from '../common/ProblemAlert';
import { Reach } from '../common/Reach';
import { ofOriginOrganization } from '../common/origin';
import { TlpLabel } from '../common/TlpLabel';
import { useFormat } from '../common/format';
import { useOrganizationNames, useOrganizations } from '../common/registry';
import { useDateTime } from '../common/timeZone';
import { useReached } from '../common/useReached';
import { useDraft } from '../common/useDraft';
import { useT } from '../i18n/LocaleProvider';
import type { MessageId } from '../i18n/messages/en';
import { RecommendationCard } from './RecommendationCard';
import { mayChange, takesPart } from './participation';

/**
 * An outcome says the dialogue was held, so the form comes once the dialogue has started (the
 * service refuses one before); until then a line says from when. Held on is a day of the officer's
 * calendar from the dialogue's first day to today, days the service always accepts.
 */
function Outcome({ dialogue }: { dialogue: DialogueView }) {
  const t = useT();
  const format = useFormat();
  const started = useReached(dialogue.startsAt);
  if (!started) return <Text data-testid="outcome-from">{t('dialogue.outcomeFrom', { date: format.dateTime(dialogue.startsAt) })}</Text>;
  return <OutcomeForm dialogue={dialogue} />;
}

function OutcomeForm({ dialogue }: { dialogue: DialogueView }) {
  const t = useT();
  const queryClient = useQueryClient();
  const { localDay, today } = useDateTime();
  const [draft, update, clear] = useDraft(`outcome-${dialogue.id}`, { summary: '', heldOn: localDay(dialogue.startsAt) });
  const record = useMutation({
    mutationFn: () => unwrap<DialogueView>(dialoguesApi.POST('/api/v1/dialogues/{id}/outcome', { params: { path: { id: dialogue.id } }, body: draft })),
    onSuccess: async () => {
      clear();
      await queryClient.invalidateQueries({ queryKey: ['dialogue', dialogue.id] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    record.mutate();
  };
  return (
    <Card withBorder component="section" aria-labelledby="outcome-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="xs">
          <Title order={2} size="h4" id="outcome-title">
            {t('dialogue.recordOutcome')}
          </Title>
          <ProblemAlert error={record.error} shownFields={['summary', 'heldOn']} />
          <Textarea label={t('dialogue.outcome.summary')} required autosize minRows={3} value={draft.summary} onChange={(event) => update({ summary: event.currentTarget.value })} error={fieldError(record.error, 'summary')} />
          <TextInput type="date" label={t('dialogue.outcome.heldOn')} required min={localDay(dialogue.startsAt)} max={today()} value={draft.heldOn} onChange={(event) => update({ heldOn: event.currentTarget.value })} error={fieldError(record.error, 'heldOn')} />
          <Group>
            <Button type="submit" loading={record.isPending}>
              {t('dialogue.recordOutcomeButton')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function AdoptRecommendation({ dialogueId }: { dialogueId: string }) {
  const t = useT();
  const organizations = useOrganizations();
  const queryClient = useQueryClient();
  const [draft, update, clear, requestKey] = useDraft(`recommendation-${dialogueId}`, { text: '', owners: [] as string[], dueOn: '' });
  const adopt = useMutation({
    mutationFn: () =>
      unwrap<RecommendationView>(
        dialoguesApi.POST('/api/v1/recommendations', {
          body: { dialogueId, text: draft.text, owners: draft.owners, ...(draft.dueOn ? { dueOn: draft.dueOn } : {}), status: 'proposed' },
          headers: { 'Idempotency-Key': requestKey },
        }),
      ),
    onSuccess: async () => {
      clear();
      await queryClient.invalidateQueries({ queryKey: ['recommendations'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    adopt.mutate();
  };
  return (
    <Card withBorder component="section" aria-labelledby="adopt-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="xs">
          <Title order={3} size="h5" id="adopt-title">
            {t('recommendation.adopt')}
          </Title>
          <ProblemAlert error={adopt.error} shownFields={['text', 'owners', 'dueOn']} />
          <Textarea label={t('recommendation.text')} required autosize minRows={2} value={draft.text} onChange={(event) => update({ text: event.currentTarget.value })} error={fieldError(adopt.error, 'text')} />
          <Group grow align="flex-start">
            <MultiSelect
              label={t('recommendation.ownersLabel')}
              searchable
              data={(organizations.data ?? []).map((organization) => ({ value: organization.id, label: organization.acronym }))}
              value={draft.owners}
              onChange={(owners) => update({ owners })}
              error={fieldError(adopt.error, 'owners')}
            />
            <TextInput type="date" label={t('recommendation.dueOnLabel')} value={draft.dueOn} onChange={(event) => update({ dueOn: event.currentTarget.value })} error={fieldError(adopt.error, 'dueOn')} />
          </Group>
          <Group>
            <Button type="submit" loading={adopt.isPending}>
              {t('recommendation.adoptButton')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

export default function DialoguePage() {
  const t = useT();
  const format = useFormat();
  const nameOf = useOrganizationNames();
  const { id = '' } = useParams();
  const [cancelError, setCancelError] = useState<unknown>(null);
  const queryClient = useQueryClient();
  const { session } = useSession();
  const dialogue = useQuery({
    queryKey: ['dialogue', id],
    queryFn: () => unwrap<DialogueView>(dialoguesApi.GET('/api/v1/dialogues/{id}', { params: { path: { id } } })),
  });
  const recommendations = useQuery({
    queryKey: ['recommendations', 'of', id],
    // a dialogue's recommendations are shown whole
    queryFn: () =>
      allPages((cursor) =>
        unwrap<Page<RecommendationView>>(dialoguesApi.GET('/api/v1/recommendations', { params: { query: { dialogueId: id, ...page(200, cursor) } } })),
      ),
  });
  const cancel = async () => {
    if (!window.confirm(t('dialogue.cancelConfirm'))) return;
    try {
      await unwrap(dialoguesApi.POST('/api/v1/dialogues/{id}/cancel', { params: { path: { id } } }));
      await queryClient.invalidateQueries({ queryKey: ['dialogue', id] });
    } catch (error) {
      setCancelError(error);
    }
  };

  if (dialogue.isPending) return <Loader role="status" aria-label={t('loading')} />;
  if (dialogue.error) return <ProblemAlert error={dialogue.error} />;
  const view = dialogue.data;
  const convenes = ofOriginOrganization(view, session);
  const changes = mayChange(view, session);
  return (
    <Stack maw={900}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Title order={1}>{view.title}</Title>
        <TlpLabel classification={view.classification} />
      </Group>
      <Text>
        {t(`dialogue.kind.${view.kind}` as MessageId)} · {format.dateTime(view.startsAt)}
        {view.location ? ` · ${view.location}` : ''} · {t(`dialogue.status.${view.status}` as MessageId)}
      </Text>
      <Text size="sm">{t('dialogue.participantsLine', { participants: format.list(view.participants.map(nameOf)), convenor: nameOf(view.convenorOrganizationId) })}</Text>
      <Reach record={view} />
      {view.agenda.length > 0 && (
        <Card withBorder component="section" aria-labelledby="agenda-title">
          <Title order={2} size="h4" id="agenda-title">
            {t('dialogues.field.agenda')}
          </Title>
          <List type="ordered">
            {view.agenda.map((item, index) => (
              <List.Item key={index}>{item}</List.Item>
            ))}
          </List>
        </Card>
      )}
      {view.outcome && (
        <Alert color="green" variant="light" title={t('dialogue.outcome.title', { date: format.date(view.outcome.heldOn) })}>
          {view.outcome.summary}
        </Alert>
      )}
      {changes && <Outcome dialogue={view} />}
      {(changes || convenes) && (
        <Group>
          {changes && (
            <Button variant="default" component={Link} to={`/dialogues/${view.id}/edit`}>
              {t('dialogue.edit')}
            </Button>
          )}
          {/* who may read it is the convenor's call, held or cancelled too */}
          {convenes && (
            <Button variant="default" component={Link} to={`/dialogues/${view.id}/reach`}>
              {t('dialogue.reach')}
            </Button>
          )}
          {changes && (
            <Button variant="outline" color="red.9" onClick={() => void cancel()}>
              {t('dialogue.cancel')}
            </Button>
          )}
        </Group>
      )}
      <ProblemAlert error={cancelError} />
      <Title order={2} size="h3">
        {t('nav.recommendations')}
      </Title>
      <ProblemAlert error={recommendations.error} />
      <Stack component="ul" gap="sm" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {(recommendations.data ?? []).map((recommendation) => (
          <RecommendationCard key={recommendation.id + recommendation.status} recommendation={recommendation} convenorOrganizationId={view.originOrganizationId} />
        ))}
      </Stack>
      {recommendations.data?.length === 0 && <Text>{t('recommendation.none')}</Text>}
      {takesPart(view, session) && view.status !== 'cancelled' && <AdoptRecommendation dialogueId={view.id} />}
    </Stack>
  );
}
