import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Loader, Stack, Text } from '@mantine/core';
import { page, trainingApi, unwrap } from '../api/client';
import type { Page } from '../api/views';
import { ProblemAlert } from '../common/ProblemAlert';
import { ShowMore } from '../common/ShowMore';
import { useT } from '../i18n/LocaleProvider';
import { SessionRow } from './SessionRow';
import type { CourseView, EnrolmentView, SessionView } from './views';

/**
 * A course's sessions the officer may see, page by page as the service lists them (the most
 * recently scheduled first): enrolling (confirmed or waitlisted by seat), withdrawing, certificates.
 */
export function Sessions({ course, enrolments }: { course: CourseView; enrolments: EnrolmentView[] }) {
  const t = useT();
  const queryClient = useQueryClient();
  const sessions = useInfiniteQuery({
    queryKey: ['sessions', course.id],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => unwrap<Page<SessionView>>(trainingApi.GET('/api/v1/sessions', { params: { query: { courseId: course.id, ...page(50, pageParam) } } })),
    getNextPageParam: (last) => last.nextCursor,
  });
  const enrol = useMutation({
    mutationFn: (sessionId: string) => unwrap(trainingApi.POST('/api/v1/enrolments', { body: { sessionId } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['enrolments'] }),
  });
  const withdraw = useMutation({
    mutationFn: (enrolmentId: string) => unwrap(trainingApi.POST('/api/v1/enrolments/{id}/withdraw', { params: { path: { id: enrolmentId } }, body: {} })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['enrolments'] }),
  });
  const items = sessions.data?.pages.flatMap((reply) => reply.items) ?? [];
  return (
    <Stack gap="xs">
      <ProblemAlert error={sessions.error ?? enrol.error ?? withdraw.error} />
      {sessions.isPending && <Loader size="sm" role="status" aria-label={t('loading')} />}
      {items.map((session) => (
        <SessionRow
          key={session.id}
          session={session}
          mine={enrolments.find((enrolment) => enrolment.sessionId === session.id && enrolment.status !== 'withdrawn')}
          onEnrol={() => enrol.mutate(session.id)}
          enrolling={enrol.isPending && enrol.variables === session.id}
          onWithdraw={(enrolmentId) => withdraw.mutate(enrolmentId)}
        />
      ))}
      {sessions.data && items.length === 0 && <Text size="sm">{t('training.noSessions')}</Text>}
      <ShowMore list={sessions} />
    </Stack>
  );
}
