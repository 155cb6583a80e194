import { useQuery } from '@tanstack/react-query';
import { Anchor, Badge, Button, Card, Group, Loader, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { useIntl } from 'react-intl';
import { dialoguesApi, page, unwrap } from '../api/client';
import type { DialogueView, Page } from '../api/views';
import { ProblemAlert } from '../common/ProblemAlert';
import { TlpLabel } from '../common/TlpLabel';
import { useFormat } from '../common/format';
import { useOrganizationNames } from '../common/registry';
import { useDateTime } from '../common/timeZone';
import { useT } from '../i18n/LocaleProvider';
import type { MessageId } from '../i18n/messages/en';

/** The dialogues as a list, or as a calendar: grouped by month, then by day. */
export default function DialoguesPage() {
  const t = useT();
  const intl = useIntl();
  const format = useFormat();
  const { localDay } = useDateTime();
  const nameOf = useOrganizationNames();
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'calendar' ? 'calendar' : 'list';
  const dialogues = useQuery({
    queryKey: ['dialogues', 'all'],
    queryFn: () => unwrap<Page<DialogueView>>(dialoguesApi.GET('/api/v1/dialogues', { params: { query: { ...page(200) } } })),
  });
  const items = [...(dialogues.data?.items ?? [])].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const months = new Map<string, DialogueView[]>();
  for (const dialogue of items) {
    // grouped by the month the officer's calendar shows it in, as its day is shown
    const month = localDay(dialogue.startsAt).slice(0, 7);
    months.set(month, [...(months.get(month) ?? []), dialogue]);
  }

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
      <ProblemAlert error={dialogues.error} />
      {dialogues.isPending && <Loader role="status" aria-label={t('loading')} />}
      {!dialogues.isPending && items.length === 0 && <Text>{t('dialogues.none')}</Text>}
      {view === 'list' && items.length > 0 && (
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
      {view === 'calendar' &&
        [...months.entries()].map(([month, monthDialogues]) => (
          <Card withBorder key={month} component="section" aria-label={intl.formatDate(`${month}-01T00:00:00Z`, { month: 'long', year: 'numeric', timeZone: 'UTC' })}>
            <Title order={2} size="h4">
              {intl.formatDate(`${month}-01T00:00:00Z`, { month: 'long', year: 'numeric', timeZone: 'UTC' })}
            </Title>
            <Stack gap={6} mt="xs">
              {monthDialogues.map((dialogue) => (
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
        ))}
    </Stack>
  );
}
