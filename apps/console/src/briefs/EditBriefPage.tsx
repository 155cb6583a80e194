import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Loader } from '@mantine/core';
import { useNavigate, useParams } from 'react-router';
import { dialoguesApi, unwrap } from '../api/client';
import type { BriefView } from '../api/views';
import { ProblemAlert } from '../common/ProblemAlert';
import { ReachEditor } from '../common/ReachEditor';
import { useT } from '../i18n/LocaleProvider';

/** A brief's reach (PATCH /briefs/{id}): its classification and audience, for its origin organization only; its text stays. */
export default function EditBriefPage() {
  const t = useT();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const brief = useQuery({
    queryKey: ['brief', id],
    queryFn: () => unwrap<BriefView>(dialoguesApi.GET('/api/v1/briefs/{id}', { params: { path: { id } } })),
  });
  if (brief.isPending) return <Loader role="status" aria-label={t('loading')} />;
  if (brief.error) return <ProblemAlert error={brief.error} />;
  return (
    <ReachEditor
      draftKey={`brief-reach-${id}`}
      record={brief.data}
      heading={t('briefs.editTitle')}
      help={t('briefs.editHelp')}
      refusal={t('briefs.mayNotChange')}
      link={`/briefs/${id}`}
      save={(reach) => unwrap<BriefView>(dialoguesApi.PATCH('/api/v1/briefs/{id}', { params: { path: { id } }, body: reach }))}
      onSaved={async (saved) => {
        queryClient.setQueryData(['brief', id], saved);
        await queryClient.invalidateQueries({ queryKey: ['briefs'] });
        navigate(`/briefs/${id}`);
      }}
    />
  );
}
