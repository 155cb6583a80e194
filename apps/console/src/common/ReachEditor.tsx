import { useEffect, type FormEvent, type ReactNode } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import type { Audience, Classification } from '../api/views';
import { useSession } from '../auth/SessionProvider';
import { useT } from '../i18n/LocaleProvider';
import { AudiencePicker, audienceFor } from './AudiencePicker';
import { ClassificationPicker } from './ClassificationPicker';
import { MayNotChange } from './MayNotChange';
import { ProblemAlert, fieldError } from './ProblemAlert';
import { ofOriginOrganization } from './origin';
import { useDraft } from './useDraft';

export interface Reach {
  classification: Classification;
  audience: Audience;
}

interface ReachDraft extends Reach {
  loaded: boolean;
  /** the record's version the draft started from */
  version: number;
}

const FIELDS = ['classification', 'audience'];

/**
 * Who may read a record (its classification and audience), as its origin organization changes
 * it; what the record says stays. The record's current reach is the starting point, unless a
 * draft kept across a sign-in holds one for the record as it still is: a draft of an earlier
 * version (someone has changed its reach since) would undo that change when saved, so it gives
 * way to the reach as it is now.
 */
interface ReachEditorProps<T> {
  draftKey: string;
  record: Reach & { version: number; title: string; originOrganizationId: string };
  heading: ReactNode;
  help: ReactNode;
  /** why an officer of another organization may not change it, shown to them instead of the form */
  refusal: ReactNode;
  /** the record's own page */
  link: string;
  save: (reach: Reach) => Promise<T>;
  onSaved: (saved: T) => Promise<void>;
}

export function ReachEditor<T>(props: ReachEditorProps<T>) {
  const { session } = useSession();
  const { record, heading, refusal, link } = props;
  if (!ofOriginOrganization(record, session)) return <MayNotChange heading={heading} reason={refusal} title={record.title} link={link} />;
  return <ReachForm {...props} />;
}

function ReachForm<T>({ draftKey, record, heading, help, link, save, onSaved }: ReachEditorProps<T>) {
  const t = useT();
  const { session } = useSession();
  const [draft, update, clear] = useDraft<ReachDraft>(draftKey, { loaded: false, version: 0, classification: 'green', audience: { organizations: [], officers: [] } });
  useEffect(() => {
    if (!draft.loaded || draft.version !== record.version) update({ loaded: true, version: record.version, classification: record.classification, audience: record.audience });
  }, [record, draft.loaded, draft.version, update]);

  const change = useMutation({
    mutationFn: () => save({ classification: draft.classification, audience: audienceFor(draft.classification, draft.audience) }),
    onSuccess: async (saved) => {
      clear();
      await onSaved(saved);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate();
  };
  const error = change.error;
  return (
    <Stack maw={760}>
      <Title order={1}>{heading}</Title>
      <Text>
        <Anchor component={Link} to={link} dir="auto">
          {record.title}
        </Anchor>
      </Text>
      <Text size="sm">{help}</Text>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ProblemAlert error={error} shownFields={FIELDS} />
          <ClassificationPicker value={draft.classification} onChange={(classification) => update({ classification })} error={fieldError(error, 'classification')} />
          <AudiencePicker classification={draft.classification} value={draft.audience} onChange={(audience) => update({ audience })} ownOrganizationId={session?.organizationId} error={error} />
          <Group>
            <Button type="submit" loading={change.isPending}>
              {t('save')}
            </Button>
            <Button variant="default" component={Link} to={link} onClick={clear}>
              {t('cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
