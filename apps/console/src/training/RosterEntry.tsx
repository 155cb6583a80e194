import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { trainingApi, unwrap } from '../api/client';
import { useSession } from '../auth/SessionProvider';
import { ProblemAlert } from '../common/ProblemAlert';
import { useFormat } from '../common/format';
import { useT } from '../i18n/LocaleProvider';
import { CompleteEnrolment } from './CompleteEnrolment';
import { RevokeCertificate } from './RevokeCertificate';
import { useEnrolmentStatus } from './enrolmentStatus';
import { organizes } from './organizes';
import type { EnrolmentView, SessionView } from './views';

/**
 * One officer on a session's roster. Once the session has begun (not before: the service refuses,
 * `session-not-started`), an organizer records whether a confirmed officer attended (POST
 * /enrolments/{id}/attendance) and, once they have, completes the enrolment, which issues a certificate.
 * The certificate is read as anyone checks it (GET /certificates/{id}), so a revoked one reads revoked;
 * an officer of an organizing organization, whom the service lets revoke it, is offered its revocation.
 */
interface RosterEntryProps {
  enrolment: EnrolmentView;
  session: SessionView;
  /** whether the session has started and is over, as its roster follows them */
  moment: { started: boolean; over: boolean };
  officer: string;
}

export function RosterEntry({ enrolment, session, moment, officer }: RosterEntryProps) {
  const t = useT();
  const format = useFormat();
  const status = useEnrolmentStatus();
  const queryClient = useQueryClient();
  const { session: signedIn } = useSession();
  const [revoking, setRevoking] = useState(false);
  const certificateId = enrolment.certificateId;
  const certificate = useQuery({
    queryKey: ['certificate', certificateId],
    enabled: !!certificateId,
    queryFn: () => unwrap(trainingApi.GET('/api/v1/certificates/{id}', { params: { path: { id: certificateId ?? '' } } })),
  });
  const revokedAt = certificate.data?.revokedAt;
  const recording = moment.started && session.status !== 'cancelled' && enrolment.status === 'confirmed';
  const attendance = useMutation({
    mutationFn: (attended: boolean) => unwrap(trainingApi.POST('/api/v1/enrolments/{id}/attendance', { params: { path: { id: enrolment.id } }, body: { attended } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['enrolments'] }),
  });
  const attended = enrolment.attended === null ? '—' : t(enrolment.attended ? 'training.roster.attended' : 'training.roster.absent');
  return (
    <Table.Tr data-testid="roster-entry">
      <Table.Th scope="row" fw="normal">
        {officer}
      </Table.Th>
      <Table.Td data-testid="roster-status">{status(enrolment, moment)}</Table.Td>
      <Table.Td>
        {recording ? (
          <Stack gap={4}>
            <Group gap={4} wrap="nowrap" role="group" aria-label={t('training.roster.attendanceOf', { officer })}>
              {([true, false] as const).map((value) => (
                <Button
                  key={String(value)}
                  size="compact-xs"
                  variant={enrolment.attended === value ? 'filled' : 'default'}
                  aria-pressed={enrolment.attended === value}
                  loading={attendance.isPending && attendance.variables === value}
                  onClick={() => attendance.mutate(value)}
                >
                  {t(value ? 'training.roster.attended' : 'training.roster.absent')}
                </Button>
              ))}
            </Group>
            <ProblemAlert error={attendance.error} />
          </Stack>
        ) : (
          <Text size="sm">{attended}</Text>
        )}
      </Table.Td>
      <Table.Td>
        {certificateId ? (
          <Stack gap={4} align="flex-start">
            <Anchor component={Link} to={`/verify/${certificateId}`} size="sm">
              {t('training.roster.certificateOn', { date: format.date(enrolment.completedOn ?? '') })}
            </Anchor>
            {revokedAt && (
              <Text size="sm" c="red.9" data-testid="certificate-revoked">
                {t('training.roster.revokedOn', { date: format.date(revokedAt) })}
              </Text>
            )}
            {certificate.data && !revokedAt && organizes(session, signedIn?.organizationId) && !revoking && (
              <Button size="compact-xs" variant="outline" color="red.9" onClick={() => setRevoking(true)}>
                {t('training.revoke.open')}
              </Button>
            )}
            {revoking && !revokedAt && <RevokeCertificate certificateId={certificateId} officer={officer} onDone={() => setRevoking(false)} />}
            <ProblemAlert error={certificate.error} />
          </Stack>
        ) : (
          recording && enrolment.attended === true && <CompleteEnrolment enrolment={enrolment} session={session} officer={officer} />
        )}
      </Table.Td>
    </Table.Tr>
  );
}
