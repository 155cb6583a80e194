import { useQuery } from '@tanstack/react-query';
import { Loader } from '@mantine/core';
import { Navigate, useParams } from 'react-router';
import { dialoguesApi, unwrap } from '../api/client';
import type { RecommendationView } from '../api/views';
import { ProblemAlert } from '../common/ProblemAlert';
import { useT } from '../i18n/LocaleProvider';

/** A recommendation lives on its dialogue's page (inbox links name the recommendation). */
export default function RecommendationRedirect() {
  const t = useT();
  const { id = '' } = useParams();
  const recommendation = useQuery({
    queryKey: ['recommendation', id],
    queryFn: () => unwrap<RecommendationView>(dialoguesApi.GET('/api/v1/recommendations/{id}', { params: { path: { id } } })),
  });
  if (recommendation.error) return <ProblemAlert error={recommendation.error} />;
  if (!recommendation.data) return <Loader role="status" aria-label={t('loading')} />;
  return <Navigate to={`/dialogues/${recommendation.data.dialogueId}`} replace />;
}
