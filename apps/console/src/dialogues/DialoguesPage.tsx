import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Anchor, Badge, Button, Card, Group, Loader, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { useIntl } from 'react-intl';
import { allPages, dialoguesApi, page, unwrap } from '../api/client';
import type { DialogueView, Page } from '../api/views';
import { ProblemAlert } from '../common/ProblemAlert';
import { ShowMore } from '../common/ShowMore';
import { TlpLabel } from '../common/TlpLabel';
import { useFormat } from '../common/format';
import { useOrganizationNames } from '../common/registry';
import { useDateTime } from '../common/timeZone';
import { useT } from '../i18n/LocaleProvider';
import type { MessageId } from '../i18n/messages/en';

/** `YYYY-MM` moved by some months. */
const shiftMonth = (month: string, by: number): string => {
  const [year, monthOfYear] = month.split('-').map(Number);
  return new Date(Date.UTC(year, monthOfYear - 1 + by, 1)).toISOString().slice(0, 7);
};

/** The dialogues as a list, or as a calendar: a month, day by day. */
export default function DialoguesPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'calendar' ? 'calendar' : 'list';
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('dialogues.title')}</Title>
        <Button component={Link} to="/dialogues/new">
          {t('dialogues.schedule')}
        </Button>
      </Group>
      <SegmentedControl
        aria-label={t('dialogues.view')}
        w="fit-content"
        value={view}
        onChange={(value) => setParams(value === 'calendar' ? { view: value } : {})}
        data={[
          { value: 'list', label: t('dialogues.list') },
          { value: 'calendar', label: t('dialogues.calendar') },
        ]}
      />
      {view === 'list' ? <DialogueList /> : <DialogueCalendar />}
    </Stack>
  );
}

/** Page by page, as the service lists them: the most recently scheduled first. */
function DialogueList() {
  const t = useT();
  const format = useFormat();
  const nameOf = useOrganizationNames();
  const dialogues = useInfiniteQuery({
    queryKey: ['dialogues', 'list'],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => unwrap<Page<DialogueView>>(dialoguesApi.GET('/api/v1/dialogues', { params: { query: { ...page(50, pageParam) } } })),
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = dialogues.data?.pages.flatMap((reply) => reply.items) ?? [];
  return (
    <>
      <ProblemAlert error={dialogues.error} />
      {dialogues.isPending && <Loader role="status" aria-label={t('loading')} />}
      {!dialogues.isPending && items.length === 0 && <Text>{t('dialogues.none')}</Text>}
      {items.length > 0 && (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('dialogues.field.title')}</Table.Th>
              <Table.Th>{t('dialogues.field.kind')}</Table.Th>
              <Table.Th>{t('dialogues.field.startsAt')}</Table.Th>
              <Table.Th>{t('dialogues.field.participants')}</Table.Th>
              <Table.Th>{t('dialogues.field.status')}</Table.Th>
              <Table.Th>{t('classification.label')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((dialogue) => (
              <Table.Tr key={dialogue.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/dialogues/${dialogue.id}`}>
                    {dialogue.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>{t(`dialogue.kind.${dialogue.kind}` as MessageId)}</Table.Td>
                <Table.Td>{format.dateTime(dialogue.startsAt)}</Table.Td>
                <Table.Td>{format.list(dialogue.participants.map(nameOf))}</Table.Td>
                <Table.Td>{t(`dialogue.status.${dialogue.status}` as MessageId)}</Table.Td>
                <Table.Td>
                  <TlpLabel classification={dialogue.classification} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <ShowMore list={dialogues} />
    </>
  );
}

/**
 * One month of the officer's calendar (`?month=YYYY-MM`, this month unless named): the service's
 * from/to bound it, and every page of it is read, so no dialogue of the month is left out.
 */
function DialogueCalendar() {
  const t = useT();
  const intl = useIntl();
  const { today, withOffset } = useDateTime();
  const [params, setParams] = useSearchParams();
  const named = params.get('month') ?? '';
  const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(named) ? named : today().slice(0, 7);
  const from = withOffset(`${month}-01T00:00`);
  const to = withOffset(`${shiftMonth(month, 1)}-01T00:00`);
  const dialogues = useQuery({
    queryKey: ['dialogues', 'month', from, to],
    queryFn: () =>
      allPages((cursor) => unwrap<Page<DialogueView>>(dialoguesApi.GET('/api/v1/dialogues', { params: { query: { from, to, ...page(200, cursor) } } }))),
  });
  const items = [...(dialogues.data ?? [])].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const title = intl.formatDate(`${month}-01T00:00:00Z`, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const go = (by: number) => setParams({ view: 'calendar', month: shiftMonth(month, by) });
  return (
    <Card withBorder component="section" aria-label={title}>
      <Group justify="space-between">
        <Title order={2} size="h4">
          {title}
        </Title>
        <Group gap="xs">
          <Button variant="default" size="xs" onClick={() => go(-1)}>
            {t('dialogues.previousMonth')}
          </Button>
          <Button variant="default" size="xs" onClick={() => go(1)}>
            {t('dialogues.nextMonth')}
          </Button>
        </Group>
      </Group>
      <ProblemAlert error={dialogues.error} />
      {dialogues.isPending && <Loader role="status" aria-label={t('loading')} />}
      {!dialogues.isPending && items.length === 0 && <Text mt="xs">{t('dialogues.noneThisMonth')}</Text>}
      <Stack gap={6} mt="xs">
        {items.map((dialogue) => (
          <Group key={dialogue.id} gap="sm" wrap="nowrap">
            <Badge variant="outline" color="gray.8" w={64}>
              {intl.formatDate(dialogue.startsAt, { day: 'numeric', weekday: 'short' })}
            </Badge>
            <Anchor component={Link} to={`/dialogues/${dialogue.id}`}>
              {dialogue.title}
            </Anchor>
            <Text size="sm" c="gray.8">
              {intl.formatTime(dialogue.startsAt)} {dialogue.location ?? ''}
            </Text>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
