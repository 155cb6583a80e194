import { useQuery } from '@tanstack/react-query';
import { Loader, Stack, Table, Text } from '@mantine/core';
import { allPages, page, trainingApi, unwrap } from '../api/client';
import type { Page } from '../api/views';
import { ProblemAlert } from '../common/ProblemAlert';
import { useOfficerNames, useOrganizationNames } from '../common/registry';
import { useT } from '../i18n/LocaleProvider';
import { RosterEntry } from './RosterEntry';
import type { EnrolmentView, SessionView } from './views';

/** Seated first, then the waitlist in its order, then those no longer enrolled. */
const RANK: Record<EnrolmentView['status'], number> = { completed: 0, confirmed: 0, waitlisted: 1, withdrawn: 2, cancelled: 2 };
const inOrder = (a: EnrolmentView, b: EnrolmentView) =>
  RANK[a.status] - RANK[b.status] || (a.waitlistPosition ?? 0) - (b.waitlistPosition ?? 0) || a.createdAt.localeCompare(b.createdAt);

/**
 * A session's roster, as its organizers see it (GET /enrolments?sessionId=…): each officer with their
 * organization, status, attendance and certificate; RosterEntry records attendance and completion.
 * Every page is read (a session's enrolments are bounded by its seats and waitlist), so the order is the whole roster's.
 */
export function Roster({ session, moment }: { session: SessionView; moment: { started: boolean; over: boolean } }) {
  const t = useT();
  const enrolments = useQuery({
    queryKey: ['enrolments', 'session', session.id],
    queryFn: () =>
      allPages((cursor) => unwrap<Page<EnrolmentView>>(trainingApi.GET('/api/v1/enrolments', { params: { query: { sessionId: session.id, ...page(200, cursor) } } }))),
  });
  const items = [...(enrolments.data ?? [])].sort(inOrder);
  const nameOf = useOfficerNames(items);
  const organizationOf = useOrganizationNames();
  return (
    <Stack gap={4} data-testid="roster">
      <ProblemAlert error={enrolments.error} />
      {enrolments.isPending && <Loader size="sm" role="status" aria-label={t('loading')} />}
      {enrolments.data && items.length === 0 && <Text size="sm">{t('training.roster.empty')}</Text>}
      {items.length > 0 && (
        <Table aria-label={t('training.roster.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('training.roster.officer')}</Table.Th>
              <Table.Th>{t('training.roster.status')}</Table.Th>
              <Table.Th>{t('training.roster.attendance')}</Table.Th>
              <Table.Th>{t('training.certificate')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((enrolment) => (
              <RosterEntry
                key={enrolment.id}
                enrolment={enrolment}
                session={session}
                moment={moment}
                officer={`${nameOf(enrolment.officerId) ?? enrolment.officerId.slice(0, 8)} (${organizationOf(enrolment.organizationId)})`}
              />
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
