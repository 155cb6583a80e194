import { Anchor, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useSession } from '../auth/SessionProvider';
import { Reach } from '../common/Reach';
import { TlpLabel } from '../common/TlpLabel';
import { useFormat } from '../common/format';
import { useOrganizationNames } from '../common/registry';
import { useT } from '../i18n/LocaleProvider';
import { SessionOrganizing } from './SessionOrganizing';
import { useEnrolmentStatus, useSessionMoment } from './enrolmentStatus';
import { organizes } from './organizes';
import type { EnrolmentView, SessionView } from './views';

interface SessionRowProps {
  session: SessionView;
  /** the signed-in officer's live enrolment in it, if any */
  mine: EnrolmentView | undefined;
  onEnrol: () => void;
  enrolling: boolean;
  onWithdraw: (enrolmentId: string) => void;
}

/**
 * One session of a course as the officer sees it: enrolling, their status, withdrawing, the
 * certificate; its organizers also manage it (SessionOrganizing). Once it has started nobody enrols
 * or is seated from the waitlist; once it is over it and its enrolments stand (the service refuses
 * a withdrawal, a change, a cancellation: session-over). Both turn at their instant while the screen is open.
 */
export function SessionRow({ session, mine, onEnrol, enrolling, onWithdraw }: SessionRowProps) {
  const t = useT();
  const { session: signedIn } = useSession();
  const format = useFormat();
  const nameOf = useOrganizationNames();
  const enrolmentStatus = useEnrolmentStatus();
  const moment = useSessionMoment(session);
  const { started, over } = moment;
  const cancelled = session.status === 'cancelled';
  return (
    <Stack gap={4} data-testid="training-session">
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
              {enrolmentStatus(mine, moment)}
            </Badge>
            {mine.certificateId && (
              <Anchor component={Link} to={`/verify/${mine.certificateId}`}>
                {t('training.certificate')}
              </Anchor>
            )}
            {!over && (mine.status === 'confirmed' || mine.status === 'waitlisted') && (
              <Button size="xs" variant="default" onClick={() => onWithdraw(mine.id)}>
                {t('training.withdraw')}
              </Button>
            )}
          </Group>
        ) : (
          !started &&
          !cancelled && (
            <Button size="xs" onClick={onEnrol} loading={enrolling}>
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
      {/* its audience says who may enrol; its organizers read it too (the service shares it with them) */}
      <Reach record={{ ...session, audience: { organizations: [...session.audience.organizations, ...session.organizers], officers: session.audience.officers } }} />
      {organizes(session, signedIn?.organizationId) && <SessionOrganizing session={session} moment={moment} />}
    </Stack>
  );
}
