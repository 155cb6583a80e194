import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Loader } from '@mantine/core';
import { useNavigate, useParams } from 'react-router';
import { dialoguesApi, unwrap } from '../api/client';
import type { DialogueView } from '../api/views';
import { ProblemAlert } from '../common/ProblemAlert';
import { ReachEditor } from '../common/ReachEditor';
import { useT } from '../i18n/LocaleProvider';

/**
 * A dialogue's reach (PATCH /dialogues/{id} with its classification and audience), for its
 * convening organization only, scheduled, held or cancelled: its recommendations follow it.
 */
export default function DialogueReachPage() {
  const t = useT();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const dialogue = useQuery({
    queryKey: ['dialogue', id],
    queryFn: () => unwrap<DialogueView>(dialoguesApi.GET('/api/v1/dialogues/{id}', { params: { path: { id } } })),
  });
  if (dialogue.isPending) return <Loader role="status" aria-label={t('loading')} />;
  if (dialogue.error) return <ProblemAlert error={dialogue.error} />;
  return (
    <ReachEditor
      draftKey={`dialogue-reach-${id}`}
      record={dialogue.data}
      heading={t('dialogue.reachTitle')}
      help={t('dialogue.reachHelp')}
      refusal={t('dialogue.reachMayNotChange')}
      link={`/dialogues/${id}`}
      save={(reach) => unwrap<DialogueView>(dialoguesApi.PATCH('/api/v1/dialogues/{id}', { params: { path: { id } }, body: reach }))}
      onSaved={async (saved) => {
        queryClient.setQueryData(['dialogue', id], saved);
        await queryClient.invalidateQueries({ queryKey: ['dialogues'] });
        await queryClient.invalidateQueries({ queryKey: ['recommendations'] });
        navigate(`/dialogues/${id}`);
      }}
    />
  );
}
