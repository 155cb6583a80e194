import { useEffect, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Anchor, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { Link, useNavigate, useParams } from 'react-router';
import { dialoguesApi, unwrap } from '../api/client';
import type { Audience, BriefView, Classification } from '../api/views';
import { useSession } from '../auth/SessionProvider';
import { AudiencePicker, audienceFor } from '../common/AudiencePicker';
import { ClassificationPicker } from '../common/ClassificationPicker';
import { ProblemAlert, fieldError } from '../common/ProblemAlert';
import { useDraft } from '../common/useDraft';
import { useT } from '../i18n/LocaleProvider';

interface ReachDraft {
  loaded: boolean;
  /** the brief's version the draft started from */
  version: number;
  classification: Classification;
  audience: Audience;
}

const FIELDS = ['classification', 'audience'];

/** A brief's reach (PATCH /briefs/{id}): its classification and audience, for its origin organization only; its text stays. */
export default function EditBriefPage() {
  const t = useT();
  const { id = '' } = useParams();
  const { session } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const brief = useQuery({
    queryKey: ['brief', id],
    queryFn: () => unwrap<BriefView>(dialoguesApi.GET('/api/v1/briefs/{id}', { params: { path: { id } } })),
  });
  const [draft, update, clear] = useDraft<ReachDraft>(`brief-reach-${id}`, { loaded: false, version: 0, classification: 'green', audience: { organizations: [], officers: [] } });
  // The brief's current reach is the starting point, unless a draft kept across a sign-in holds one
  // for the brief as it still is: a draft of an earlier version (someone has changed its reach
  // since) would undo that change when saved, so it gives way to the reach as it is now.
  useEffect(() => {
    const now = brief.data;
    if (now && (!draft.loaded || draft.version !== now.version)) update({ loaded: true, version: now.version, classification: now.classification, audience: now.audience });
  }, [brief.data, draft.loaded, draft.version, update]);

  const save = useMutation({
    mutationFn: () =>
      unwrap<BriefView>(
        dialoguesApi.PATCH('/api/v1/briefs/{id}', {
          params: { path: { id } },
          body: {
            classification: draft.classification,
            audience: audienceFor(draft.classification, draft.audience),
          },
        }),
      ),
    onSuccess: async (saved) => {
      clear();
      queryClient.setQueryData(['brief', id], saved);
      await queryClient.invalidateQueries({ queryKey: ['briefs'] });
      navigate(`/briefs/${id}`);
    },
  });

  if (brief.isPending) return <Loader role="status" aria-label={t('loading')} />;
  if (brief.error) return <ProblemAlert error={brief.error} />;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const error = save.error;
  return (
    <Stack maw={760}>
      <Title order={1}>{t('briefs.editTitle')}</Title>
      <Text>
        <Anchor component={Link} to={`/briefs/${id}`} dir="auto">
          {brief.data.title}
        </Anchor>
      </Text>
      <Text size="sm">{t('briefs.editHelp')}</Text>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ProblemAlert error={error} shownFields={FIELDS} />
          <ClassificationPicker value={draft.classification} onChange={(classification) => update({ classification })} error={fieldError(error, 'classification')} />
          <AudiencePicker
            classification={draft.classification}
            value={draft.audience}
            onChange={(audience) => update({ audience })}
            ownOrganizationId={session?.organizationId}
            error={error}
          />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('save')}
            </Button>
            <Button variant="default" component={Link} to={`/briefs/${id}`} onClick={clear}>
              {t('cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
