import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Anchor, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { page, trainingApi, unwrap } from '../api/client';
import { useSession } from '../auth/SessionProvider';
import { ProblemAlert } from '../common/ProblemAlert';
import { TlpLabel } from '../common/TlpLabel';
import { useFormat } from '../common/format';
import { useOrganizationNames } from '../common/registry';
import { useT } from '../i18n/LocaleProvider';
import { SessionOrganizing } from './SessionOrganizing';
import { sessionMoment, useEnrolmentStatus } from './enrolmentStatus';
import type { CourseView, EnrolmentView } from './views';

/** A course's sessions the officer may see: enrolling (confirmed or waitlisted by seat), withdrawing, certificates; organizers manage theirs (SessionOrganizing). */
export function Sessions({ course, enrolments }: { course: CourseView; enrolments: EnrolmentView[] }) {
  const t = useT();
  const { session: signedIn } = useSession();
  const format = useFormat();
  const nameOf = useOrganizationNames();
  const enrolmentStatus = useEnrolmentStatus();
  const queryClient = useQueryClient();
  const sessions = useQuery({
    queryKey: ['sessions', course.id],
    queryFn: () => unwrap(trainingApi.GET('/api/v1/sessions', { params: { query: { courseId: course.id, ...page(200) } } })),
  });
  const enrol = useMutation({
    mutationFn: (sessionId: string) => unwrap(trainingApi.POST('/api/v1/enrolments', { body: { sessionId } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['enrolments'] }),
  });
  const withdraw = useMutation({
    mutationFn: (enrolmentId: string) => unwrap(trainingApi.POST('/api/v1/enrolments/{id}/withdraw', { params: { path: { id: enrolmentId } }, body: {} })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['enrolments'] }),
  });
  return (
    <Stack gap="xs">
      <ProblemAlert error={sessions.error ?? enrol.error ?? withdraw.error} />
      {(sessions.data?.items ?? []).map((session) => {
        const mine = enrolments.find((enrolment) => enrolment.sessionId === session.id && enrolment.status !== 'withdrawn');
        const organizing = !!signedIn && (session.organizers ?? []).includes(signedIn.organizationId);
        // once a session has started nobody enrols or is seated from the waitlist; once it is over it
        // and its enrolments stand (the service refuses a withdrawal, a change, a cancellation: session-over)
        const { started, over } = sessionMoment(session);
        const cancelled = session.status === 'cancelled';
        return (
          <Stack key={session.id} gap={4} data-testid="training-session">
            <Group justify="space-between" wrap="nowrap">
              <Group gap="xs" wrap="nowrap">
                <TlpLabel classification={session.classification} />
                <Text size="sm">
                  {format.dateTime(session.startsAt)} · {session.online ? t('training.online') : (session.location ?? '')} · {t('training.seats', { seats: session.seats })}
                </Text>
                {cancelled && (
                  <Badge color="#a51d2d" data-testid="session-status">
                    {t('training.sessionCancelled')}
                  </Badge>
                )}
              </Group>
              {mine ? (
                <Group gap="xs" wrap="nowrap">
                  <Badge color={mine.status === 'confirmed' ? '#1b6b2c' : mine.status === 'waitlisted' && started ? '#495057' : '#8a5a00'} data-testid="enrolment-status">
                    {enrolmentStatus(mine, { started, over })}
                  </Badge>
                  {mine.certificateId && (
                    <Anchor component={Link} to={`/verify/${mine.certificateId}`}>
                      {t('training.certificate')}
                    </Anchor>
                  )}
                  {!over && (mine.status === 'confirmed' || mine.status === 'waitlisted') && (
                    <Button size="xs" variant="default" onClick={() => withdraw.mutate(mine.id)}>
                      {t('training.withdraw')}
                    </Button>
                  )}
                </Group>
              ) : (
                !started &&
                !cancelled && (
                  <Button size="xs" onClick={() => enrol.mutate(session.id)} loading={enrol.isPending && enrol.variables === session.id}>
                    {t('training.enrol')}
                  </Button>
                )
              )}
            </Group>
            {cancelled && session.cancelReason && (
              <Text size="sm" c="gray.8">
                {t('training.cancelReason', { reason: session.cancelReason })}
              </Text>
            )}
            {/* amber: who besides the organizers may enrol; amber+strict and green need no names */}
            {session.classification === 'amber' && session.audience.organizations.length > 0 && (
              <Text size="sm" c="gray.8">
                {t('training.openTo', { organizations: format.list(session.audience.organizations.map(nameOf)) })}
              </Text>
            )}
            {organizing && <SessionOrganizing session={session} />}
          </Stack>
        );
      })}
      {sessions.data?.items.length === 0 && <Text size="sm">{t('training.noSessions')}</Text>}
    </Stack>
  );
}
