import { type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Group, MultiSelect, NativeSelect, Stack, TextInput, Textarea, Title } from '@mantine/core';
import { useNavigate } from 'react-router';
import { dialoguesApi, unwrap } from '../api/client';
import type { Audience, Classification, DialogueKind, DialogueView } from '../api/views';
import { useSession } from '../auth/SessionProvider';
import { AudiencePicker, audienceFor } from '../common/AudiencePicker';
import { ClassificationPicker } from '../common/ClassificationPicker';
import { ProblemAlert, fieldError } from '../common/ProblemAlert';
import { useDateTime } from '../common/timeZone';
import { useOrganizations } from '../common/registry';
import { useDraft } from '../common/useDraft';
import { DIALOGUE_KINDS } from '../common/vocabulary';
import { useT } from '../i18n/LocaleProvider';
import type { MessageId } from '../i18n/messages/en';

interface DialogueDraft {
  kind: DialogueKind;
  title: string;
  participants: string[];
  startsAt: string;
  endsAt: string;
  location: string;
  agenda: string;
  classification: Classification;
  audience: Audience;
}

const FIELDS = ['kind', 'title', 'participants', 'startsAt', 'endsAt', 'location', 'agenda', 'classification', 'audience'];

export default function ScheduleDialoguePage() {
  const t = useT();
  const { session } = useSession();
  const { withOffset } = useDateTime();
  const organizations = useOrganizations();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [draft, update, clear, requestKey] = useDraft<DialogueDraft>('dialogue', {
    kind: 'desk-to-desk',
    title: '',
    participants: session ? [session.organizationId] : [],
    startsAt: '',
    endsAt: '',
    location: '',
    agenda: '',
    classification: 'green',
    audience: { organizations: [], officers: [] },
  });
  const schedule = useMutation({
    mutationFn: () =>
      unwrap<DialogueView>(
        dialoguesApi.POST('/api/v1/dialogues', {
          body: {
            kind: draft.kind,
            title: draft.title,
            participants: draft.participants,
            startsAt: withOffset(draft.startsAt),
            ...(draft.endsAt ? { endsAt: withOffset(draft.endsAt) } : {}),
            ...(draft.location ? { location: draft.location } : {}),
            agenda: draft.agenda.split('\n').map((line) => line.trim()).filter(Boolean),
            classification: draft.classification,
            ...(draft.classification === 'amber' || draft.classification === 'red' ? { audience: audienceFor(draft.classification, draft.audience) } : {}),
          },
          headers: { 'Idempotency-Key': requestKey },
        }),
      ),
    onSuccess: async (dialogue) => {
      clear();
      await queryClient.invalidateQueries({ queryKey: ['dialogues'] });
      navigate(`/dialogues/${dialogue.id}`);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    schedule.mutate();
  };
  const error = schedule.error;
  return (
    <Stack maw={760}>
      <Title order={1}>{t('dialogues.scheduleTitle')}</Title>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ProblemAlert error={error} shownFields={FIELDS} />
          <NativeSelect
            label={t('dialogues.field.kind')}
            value={draft.kind}
            onChange={(event) => update({ kind: event.currentTarget.value as DialogueKind })}
            data={DIALOGUE_KINDS.map((value) => ({ value, label: t(`dialogue.kind.${value}` as MessageId) }))}
            error={fieldError(error, 'kind')}
          />
          <TextInput label={t('dialogues.field.title')} required value={draft.title} onChange={(event) => update({ title: event.currentTarget.value })} error={fieldError(error, 'title')} />
          <MultiSelect
            label={t('dialogues.field.participants')}
            required
            searchable
            data={(organizations.data ?? []).map((organization) => ({ value: organization.id, label: `${organization.acronym} — ${organization.name}` }))}
            value={draft.participants}
            onChange={(participants) => update({ participants })}
            error={fieldError(error, 'participants')}
          />
          <Group grow align="flex-start">
            <TextInput type="datetime-local" label={t('dialogues.field.startsAt')} required value={draft.startsAt} onChange={(event) => update({ startsAt: event.currentTarget.value })} error={fieldError(error, 'startsAt')} />
            <TextInput type="datetime-local" label={t('dialogues.field.endsAt')} value={draft.endsAt} onChange={(event) => update({ endsAt: event.currentTarget.value })} error={fieldError(error, 'endsAt')} />
          </Group>
          <TextInput label={t('dialogues.field.location')} value={draft.location} onChange={(event) => update({ location: event.currentTarget.value })} error={fieldError(error, 'location')} />
          <Textarea label={t('dialogues.field.agenda')} description={t('dialogues.field.agendaHelp')} autosize minRows={3} value={draft.agenda} onChange={(event) => update({ agenda: event.currentTarget.value })} error={fieldError(error, 'agenda')} />
          <ClassificationPicker value={draft.classification} onChange={(classification) => update({ classification })} error={fieldError(error, 'classification')} />
          <AudiencePicker
            classification={draft.classification}
            value={draft.audience}
            onChange={(audience) => update({ audience })}
            ownOrganizationId={session?.organizationId}
            error={error}
          />
          <Group>
            <Button type="submit" loading={schedule.isPending}>
              {t('dialogues.scheduleButton')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
