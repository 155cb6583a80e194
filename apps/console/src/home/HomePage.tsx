import { useQuery } from '@tanstack/react-query';
import { Anchor, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { allPages, capacityBuildingApi, dialoguesApi, notificationsApi, page, trainingApi, unwrap } from '../api/client';
import type { DialogueView, NotificationView, Page, RecommendationView } from '../api/views';
import { useSession } from '../auth/SessionProvider';
import { ProblemAlert } from '../common/ProblemAlert';
import { TlpLabel } from '../common/TlpLabel';
import { useFormat } from '../common/format';
import { RECOMMENDATION_STATUSES } from '../common/vocabulary';
import { useLiveInbox } from '../inbox/LiveInbox';
import { useT } from '../i18n/LocaleProvider';
import type { MessageId } from '../i18n/messages/en';
import { BarChart } from './BarChart';

const STATUS_COLOURS: Record<string, string> = {
  proposed: '#6b6b6b',
  agreed: '#005a9e',
  'in-progress': '#8a5a00',
  implemented: '#1b7a2e',
  dropped: '#9b1c1c',
};

/** The card counts the dialogues of the weeks ahead a desk plans for, not every one ever scheduled. */
const UPCOMING_DAYS = 30;
const DAY_MS = 86_400_000;

export default function HomePage() {
  const t = useT();
  const format = useFormat();
  const { officer, organization } = useSession();
  const { unread, unreadMore } = useLiveInbox();
  const now = new Date().toISOString();

  const latest = useQuery({
    queryKey: ['notifications', 'latest'],
    queryFn: () => unwrap<Page<NotificationView>>(notificationsApi.GET('/api/v1/notifications', { params: { query: { ...page(5) } } })),
  });
  const overdue = useQuery({
    queryKey: ['recommendations', 'overdue'],
    queryFn: () => unwrap<Page<RecommendationView>>(dialoguesApi.GET('/api/v1/recommendations', { params: { query: { overdue: true, ...page(10) } } })),
  });
  const counts = useQuery({
    queryKey: ['recommendations', 'counts'],
    queryFn: () => unwrap<Record<string, number>>(dialoguesApi.GET('/api/v1/recommendations/counts')),
  });
  const upcoming = useQuery({
    queryKey: ['dialogues', 'upcoming'],
    queryFn: () => unwrap<Page<DialogueView>>(dialoguesApi.GET('/api/v1/dialogues', { params: { query: { status: 'scheduled', from: now, order: 'startsAt', ...page(5) } } })),
  });
  // every page of the window, not the widget's first five: the service lists only what the officer may see
  const upcomingCount = useQuery({
    queryKey: ['dialogues', 'upcoming', 'count'],
    queryFn: async () => {
      const from = new Date();
      const to = new Date(from.getTime() + UPCOMING_DAYS * DAY_MS);
      const ahead = { status: 'scheduled', from: from.toISOString(), to: to.toISOString(), order: 'startsAt' } as const;
      const dialogues = await allPages((cursor) =>
        unwrap<Page<DialogueView>>(dialoguesApi.GET('/api/v1/dialogues', { params: { query: { ...ahead, ...page(200, cursor) } } })),
      );
      return dialogues.length;
    },
  });

  // Capacity-building and training may not run in every deployment: their sections show when they answer.
  const lateMilestones = useQuery({
    queryKey: ['milestones', 'late'],
    retry: false,
    queryFn: () =>
      unwrap<Page<{ id: string; title: string; dueOn: string; programmeId: string }>>(
        capacityBuildingApi.GET('/api/v1/milestones', { params: { query: { status: 'delayed', ...page(10) } } }),
      ),
  });
  const openSessions = useQuery({
    queryKey: ['sessions', 'open'],
    retry: false,
    queryFn: () =>
      unwrap<Page<{ id: string; courseId: string; startsAt: string; seats: number }>>(
        trainingApi.GET('/api/v1/sessions', { params: { query: { status: 'scheduled', from: now, order: 'startsAt', ...page(10) } } }),
      ),
  });

  return (
    <Stack>
      <Title order={1}>{t('home.title', { name: officer?.name ?? '', organization: organization?.acronym ?? '' })}</Title>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Card withBorder>
          <Text size="sm">{t('home.unread')}</Text>
          <Text size="xl" fw={700} data-testid="home-unread">
            {unreadMore ? `${unread}+` : unread}
          </Text>
          <Anchor component={Link} to="/inbox?show=unread">
            {t('home.openInbox')}
          </Anchor>
        </Card>
        <Card withBorder>
          <Text size="sm">{t('home.overdue')}</Text>
          <Text size="xl" fw={700} c={counts.data?.overdue ? 'red.9' : undefined}>
            {counts.data?.overdue ?? '…'}
          </Text>
          <Anchor component={Link} to="/recommendations?overdue=true">
            {t('home.openRecommendations')}
          </Anchor>
        </Card>
        <Card withBorder>
          <Text size="sm">
            {t('home.upcomingWithin', { days: UPCOMING_DAYS })}
          </Text>
          <Text size="xl" fw={700} data-testid="home-upcoming-count">
            {upcomingCount.data ?? '…'}
          </Text>
          <Anchor component={Link} to="/dialogues">
            {t('home.openDialogues')}
          </Anchor>
        </Card>
      </SimpleGrid>
      <ProblemAlert error={latest.error ?? overdue.error ?? counts.error ?? upcoming.error ?? upcomingCount.error} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder component="section" aria-labelledby="home-new">
          <Title order={2} size="h4" id="home-new">
            {t('home.new')}
          </Title>
          <List spacing="xs" listStyleType="none" p={0}>
            {(latest.data?.items ?? []).map((item) => (
              <List.Item key={item.id}>
                <Group gap="xs" wrap="nowrap">
                  <TlpLabel classification={item.classification} />
                  <Anchor component={Link} to={item.link} fw={item.readAt ? 400 : 700}>
                    {item.title}
                  </Anchor>
                </Group>
              </List.Item>
            ))}
          </List>
          {latest.data?.items.length === 0 && <Text>{t('inbox.empty')}</Text>}
        </Card>
        <Card withBorder component="section" aria-labelledby="home-chart">
          <Title order={2} size="h4" id="home-chart">
            {t('home.recommendations')}
          </Title>
          {counts.data && (
            <BarChart
              title={t('home.chartTitle', { total: counts.data.total ?? 0 })}
              bars={RECOMMENDATION_STATUSES.map((status) => ({
                label: t(`recommendation.status.${status}` as MessageId),
                value: counts.data[status] ?? 0,
                color: STATUS_COLOURS[status],
              }))}
            />
          )}
        </Card>
        <Card withBorder component="section" aria-labelledby="home-overdue">
          <Title order={2} size="h4" id="home-overdue">
            {t('home.overdueList')}
          </Title>
          <List spacing="xs">
            {(overdue.data?.items ?? []).map((recommendation) => (
              <List.Item key={recommendation.id}>
                <Anchor component={Link} to={`/dialogues/${recommendation.dialogueId}`}>
                  {recommendation.text}
                </Anchor>{' '}
                <Text span size="sm" c="red.9">
                  {recommendation.dueOn && t('recommendation.dueOn', { date: format.date(recommendation.dueOn) })}
                </Text>
              </List.Item>
            ))}
          </List>
          {overdue.data?.items.length === 0 && <Text>{t('home.noneOverdue')}</Text>}
        </Card>
        <Card withBorder component="section" aria-labelledby="home-dialogues">
          <Title order={2} size="h4" id="home-dialogues">
            {t('home.upcoming')}
          </Title>
          <List spacing="xs">
            {(upcoming.data?.items ?? []).map((dialogue) => (
              <List.Item key={dialogue.id}>
                <Anchor component={Link} to={`/dialogues/${dialogue.id}`}>
                  {dialogue.title}
                </Anchor>{' '}
                <Text span size="sm">
                  {format.dateTime(dialogue.startsAt)}
                </Text>
              </List.Item>
            ))}
          </List>
          {upcoming.data?.items.length === 0 && <Text>{t('home.noneUpcoming')}</Text>}
        </Card>
        {lateMilestones.data && (
          <Card withBorder component="section" aria-labelledby="home-milestones">
            <Title order={2} size="h4" id="home-milestones">
              {t('home.lateMilestones')}
            </Title>
            <List spacing="xs">
              {lateMilestones.data.items.map((milestone) => (
                <List.Item key={milestone.id}>
                  <Anchor component={Link} to="/programmes">
                    {milestone.title}
                  </Anchor>{' '}
                  <Text span size="sm" c="red.9">
                    {t('recommendation.dueOn', { date: format.date(milestone.dueOn) })}
                  </Text>
                </List.Item>
              ))}
            </List>
          </Card>
        )}
        {openSessions.data && (
          <Card withBorder component="section" aria-labelledby="home-sessions">
            <Title order={2} size="h4" id="home-sessions">
              {t('home.openSessions')}
            </Title>
            <List spacing="xs">
              {openSessions.data.items.map((session) => (
                <List.Item key={session.id}>
                  <Anchor component={Link} to="/training">
                    {format.dateTime(session.startsAt)}
                  </Anchor>{' '}
                  <Text span size="sm">
                    {t('training.seats', { seats: session.seats })}
                  </Text>
                </List.Item>
              ))}
            </List>
          </Card>
        )}
      </SimpleGrid>
    </Stack>
  );
}
