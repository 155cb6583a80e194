import { useInfiniteQuery } from '@tanstack/react-query';
import { Anchor, Badge, Group, Loader, NativeSelect, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { dialoguesApi, page, unwrap } from '../api/client';
import type { Page, RecommendationStatus, RecommendationView } from '../api/views';
import { ProblemAlert } from '../common/ProblemAlert';
import { ShowMore } from '../common/ShowMore';
import { useFormat } from '../common/format';
import { useOrganizationNames } from '../common/registry';
import { RECOMMENDATION_STATUSES } from '../common/vocabulary';
import { useT } from '../i18n/LocaleProvider';
import type { MessageId } from '../i18n/messages/en';

export default function RecommendationsPage() {
  const t = useT();
  const format = useFormat();
  const nameOf = useOrganizationNames();
  const [params, setParams] = useSearchParams();
  const overdue = params.get('overdue') === 'true';
  const status = (params.get('status') ?? '') as RecommendationStatus | '';
  // page by page, as the service lists them: the most recently adopted first
  const recommendations = useInfiniteQuery({
    queryKey: ['recommendations', 'list', overdue, status],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      unwrap<Page<RecommendationView>>(
        dialoguesApi.GET('/api/v1/recommendations', {
          params: { query: { ...(overdue ? { overdue: true } : {}), ...(status ? { status } : {}), ...page(50, pageParam) } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor,
  });
  const set = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next);
  };
  const items = recommendations.data?.pages.flatMap((reply) => reply.items) ?? [];
  return (
    <Stack>
      <Title order={1}>{t('nav.recommendations')}</Title>
      <Group align="flex-end">
        <NativeSelect
          label={t('dialogues.field.status')}
          value={status}
          onChange={(event) => set('status', event.currentTarget.value)}
          data={[{ value: '', label: t('inbox.all') }, ...RECOMMENDATION_STATUSES.map((value) => ({ value, label: t(`recommendation.status.${value}` as MessageId) }))]}
        />
        <Switch label={t('recommendation.overdueOnly')} checked={overdue} onChange={(event) => set('overdue', event.currentTarget.checked ? 'true' : '')} />
      </Group>
      <ProblemAlert error={recommendations.error} />
      {recommendations.isPending && <Loader role="status" aria-label={t('loading')} />}
      {!recommendations.isPending && items.length === 0 && <Text>{t('recommendation.none')}</Text>}
      {items.length > 0 && (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('recommendation.text')}</Table.Th>
              <Table.Th>{t('recommendation.ownersLabel')}</Table.Th>
              <Table.Th>{t('recommendation.dueOnLabel')}</Table.Th>
              <Table.Th>{t('dialogues.field.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((recommendation) => (
              <Table.Tr key={recommendation.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/dialogues/${recommendation.dialogueId}`}>
                    {recommendation.text}
                  </Anchor>
                </Table.Td>
                <Table.Td>{format.list(recommendation.owners.map(nameOf))}</Table.Td>
                <Table.Td>{recommendation.dueOn ? format.date(recommendation.dueOn) : '—'}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <Badge color="unblue.9">{t(`recommendation.status.${recommendation.status}` as MessageId)}</Badge>
                    {recommendation.overdue && <Badge color="red.9">{t('recommendation.overdue')}</Badge>}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <ShowMore list={recommendations} />
    </Stack>
  );
}
