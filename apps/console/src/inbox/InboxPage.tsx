import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Card, Group, Loader, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { notificationsApi, page, unwrap } from '../api/client';
import type { NotificationView, Page } from '../api/views';
import { ProblemAlert } from '../common/ProblemAlert';
import { TlpLabel } from '../common/TlpLabel';
import { useFormat } from '../common/format';
import { useT } from '../i18n/LocaleProvider';
import type { MessageId } from '../i18n/messages/en';
import { ITEM_KINDS, kindOf } from './kinds';
import { useLiveInbox } from './LiveInbox';

const KINDS = ['all', ...ITEM_KINDS];

export default function InboxPage() {
  const t = useT();
  const format = useFormat();
  const { live } = useLiveInbox();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get('show') === 'unread';
  const kind = params.get('kind') ?? 'all';

  const inbox = useInfiniteQuery({
    queryKey: ['notifications', 'list', unreadOnly],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      unwrap<Page<NotificationView>>(
        notificationsApi.GET('/api/v1/notifications', { params: { query: { ...(unreadOnly ? { unread: true } : {}), ...page(30, pageParam) } } }),
      ),
    getNextPageParam: (last) => last.nextCursor,
  });
  const markRead = useMutation({
    mutationFn: (id: string) => unwrap<NotificationView>(notificationsApi.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });

  const set = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value === 'all') next.delete(name);
    else next.set(name, value);
    setParams(next);
  };
  const items = (inbox.data?.pages.flatMap((reply) => reply.items) ?? []).filter((item) => kind === 'all' || kindOf(item.type) === kind);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('inbox.title')}</Title>
        <Text size="sm" role="status" c={live ? '#1b6b2c' : 'gray.8'} data-testid="live-status">
          {live ? t('inbox.live') : t('inbox.connecting')}
        </Text>
      </Group>
      <Group>
        <SegmentedControl
          aria-label={t('inbox.show')}
          value={unreadOnly ? 'unread' : 'all'}
          onChange={(value) => set('show', value)}
          data={[
            { value: 'all', label: t('inbox.all') },
            { value: 'unread', label: t('inbox.unread') },
          ]}
        />
        <select aria-label={t('inbox.kind')} value={kind} onChange={(event) => set('kind', event.currentTarget.value)} className="mantine-like-select">
          {KINDS.map((value) => (
            <option key={value} value={value}>
              {t(`inbox.kind.${value}` as MessageId)}
            </option>
          ))}
        </select>
      </Group>
      <ProblemAlert error={inbox.error ?? markRead.error} />
      {inbox.isPending && <Loader role="status" aria-label={t('loading')} />}
      {!inbox.isPending && items.length === 0 && <Text>{t('inbox.empty')}</Text>}
      <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('inbox.title')} data-testid="inbox-list">
        {items.map((item) => (
          <Card component="li" withBorder key={item.id} padding="sm" data-unread={!item.readAt} style={item.readAt ? undefined : { borderInlineStart: '4px solid var(--mantine-color-unblue-8)' }}>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={4}>
                <Group gap="xs">
                  {!item.readAt && (
                    <Badge color="red.9" size="sm">
                      {t('inbox.new')}
                    </Badge>
                  )}
                  <Text component={Link} to={item.link} fw={600} c="unblue.9" onClick={() => !item.readAt && markRead.mutate(item.id)} dir="auto">
                    {item.title}
                  </Text>
                </Group>
                <Text size="sm" dir="auto">
                  {item.summary}
                </Text>
                <Text size="xs" c="gray.8">
                  {format.relative(item.createdAt)}
                </Text>
              </Stack>
              <Stack gap="xs" align="flex-end">
                <TlpLabel classification={item.classification} />
                {!item.readAt && (
                  <Button size="xs" variant="default" onClick={() => markRead.mutate(item.id)} aria-label={t('inbox.markReadOf', { title: item.title })}>
                    {t('inbox.markRead')}
                  </Button>
                )}
              </Stack>
            </Group>
          </Card>
        ))}
      </Stack>
      {inbox.hasNextPage && (
        <Button variant="default" onClick={() => void inbox.fetchNextPage()} loading={inbox.isFetchingNextPage}>
          {t('more')}
        </Button>
      )}
    </Stack>
  );
}
