import { useEffect, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Group, Loader, Stack, TextInput, Textarea, Title } from '@mantine/core';
import { Link, useNavigate, useParams } from 'react-router';
import { dialoguesApi, unwrap } from '../api/client';
import type { DialogueView } from '../api/views';
import { useSession } from '../auth/SessionProvider';
import { MayNotChange } from '../common/MayNotChange';
import { ProblemAlert, fieldError } from '../common/ProblemAlert';
import { useDateTime } from '../common/timeZone';
import { useDraft } from '../common/useDraft';
import { useT } from '../i18n/LocaleProvider';
import { mayChange, takesPart } from './participation';

interface DialogueChanges {
  loaded: boolean;
  /** the dialogue's version the draft started from */
  version: number;
  title: string;
  startsAt: string;
  endsAt: string;
  location: string;
  agenda: string;
}

const FIELDS = ['title', 'startsAt', 'endsAt', 'location', 'agenda'];
/**
 * Reschedule or change a scheduled dialogue (PATCH /dialogues/{id}): its title, dates, place and
 * agenda. An officer the service would refuse is told so instead of being offered the form.
 */
export default function EditDialoguePage() {
  const t = useT();
  const { id = '' } = useParams();
  const { session } = useSession();
  const dialogue = useQuery({
    queryKey: ['dialogue', id],
    queryFn: () => unwrap<DialogueView>(dialoguesApi.GET('/api/v1/dialogues/{id}', { params: { path: { id } } })),
  });
  if (dialogue.isPending) return <Loader role="status" aria-label={t('loading')} />;
  if (dialogue.error) return <ProblemAlert error={dialogue.error} />;
  const view = dialogue.data;
  if (!mayChange(view, session)) {
    const reason = takesPart(view, session) ? t('dialogue.noLongerChanges') : t('dialogue.mayNotChange');
    return <MayNotChange heading={t('dialogue.editTitle')} reason={reason} title={view.title} link={`/dialogues/${id}`} />;
  }
  return <ChangeDialogueForm dialogue={view} />;
}

function ChangeDialogueForm({ dialogue }: { dialogue: DialogueView }) {
  const t = useT();
  const { id } = dialogue;
  const { localDateTime: local, withOffset } = useDateTime();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [draft, update, clear] = useDraft<DialogueChanges>(`dialogue-changes-${id}`, { loaded: false, version: 0, title: '', startsAt: '', endsAt: '', location: '', agenda: '' });
  // A draft kept across a sign-in is kept only for the dialogue as it still is (see EditBriefPage).
  useEffect(() => {
    if (!draft.loaded || draft.version !== dialogue.version) {
      update({ loaded: true, version: dialogue.version, title: dialogue.title, startsAt: local(dialogue.startsAt), endsAt: local(dialogue.endsAt), location: dialogue.location ?? '', agenda: dialogue.agenda.join('\n') });
    }
  }, [dialogue, draft.loaded, draft.version, update, local]);
  const save = useMutation({
    mutationFn: () =>
      unwrap<DialogueView>(
        dialoguesApi.PATCH('/api/v1/dialogues/{id}', {
          params: { path: { id } },
          body: {
            title: draft.title,
            startsAt: withOffset(draft.startsAt),
            // an end time emptied is removed (null), not kept
            endsAt: draft.endsAt ? withOffset(draft.endsAt) : null,
            ...(draft.location ? { location: draft.location } : {}),
            agenda: draft.agenda.split('\n').map((line) => line.trim()).filter(Boolean),
          },
        }),
      ),
    onSuccess: async (saved) => {
      clear();
      queryClient.setQueryData(['dialogue', id], saved);
      await queryClient.invalidateQueries({ queryKey: ['dialogues'] });
      navigate(`/dialogues/${id}`);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const error = save.error;
  return (
    <Stack maw={760}>
      <Title order={1}>{t('dialogue.editTitle')}</Title>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ProblemAlert error={error} shownFields={FIELDS} />
          <TextInput label={t('dialogues.field.title')} required value={draft.title} onChange={(event) => update({ title: event.currentTarget.value })} error={fieldError(error, 'title')} />
          <Group grow align="flex-start">
            <TextInput type="datetime-local" label={t('dialogues.field.startsAt')} required value={draft.startsAt} onChange={(event) => update({ startsAt: event.currentTarget.value })} error={fieldError(error, 'startsAt')} />
            <TextInput type="datetime-local" label={t('dialogues.field.endsAt')} value={draft.endsAt} onChange={(event) => update({ endsAt: event.currentTarget.value })} error={fieldError(error, 'endsAt')} />
          </Group>
          <TextInput label={t('dialogues.field.location')} value={draft.location} onChange={(event) => update({ location: event.currentTarget.value })} error={fieldError(error, 'location')} />
          <Textarea label={t('dialogues.field.agenda')} description={t('dialogues.field.agendaHelp')} autosize minRows={3} value={draft.agenda} onChange={(event) => update({ agenda: event.currentTarget.value })} error={fieldError(error, 'agenda')} />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('save')}
            </Button>
            <Button variant="default" component={Link} to={`/dialogues/${id}`} onClick={clear}>
              {t('cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
