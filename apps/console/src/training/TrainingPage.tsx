import { useState } from 'react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Badge, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { allPages, page, trainingApi, unwrap } from '../api/client';
import type { Page } from '../api/views';
import { useSession } from '../auth/SessionProvider';
import { ProblemAlert } from '../common/ProblemAlert';
import { ShowMore } from '../common/ShowMore';
import { useT } from '../i18n/LocaleProvider';
import type { MessageId } from '../i18n/messages/en';
import { PublishCourse } from './PublishCourse';
import { ScheduleSession } from './ScheduleSession';
import { Sessions } from './Sessions';
import type { CourseView, EnrolmentView } from './views';

/** Courses, their sessions, enrolling (confirmed or waitlisted by seat), withdrawing, certificates; publishing a course, scheduling a session. */
export default function TrainingPage() {
  const t = useT();
  const { session } = useSession();
  const [scheduling, setScheduling] = useState<string | null>(null);
  // the catalogue page by page, as the service lists it: the most recently published first
  const courses = useInfiniteQuery({
    queryKey: ['courses'],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => unwrap<Page<CourseView>>(trainingApi.GET('/api/v1/courses', { params: { query: { ...page(50, pageParam) } } })),
    getNextPageParam: (last) => last.nextCursor,
  });
  // every page of the officer's own enrolments: each session listed finds its enrolment among them
  const enrolments = useQuery({
    queryKey: ['enrolments', session?.officerId],
    queryFn: () =>
      allPages((cursor) => unwrap<Page<EnrolmentView>>(trainingApi.GET('/api/v1/enrolments', { params: { query: { officerId: session?.officerId, ...page(200, cursor) } } }))),
  });
  const items = courses.data?.pages.flatMap((reply) => reply.items) ?? [];
  return (
    <Stack maw={900}>
      <Title order={1}>{t('nav.training')}</Title>
      <ProblemAlert error={courses.error} />
      {courses.isPending && <Loader role="status" aria-label={t('loading')} />}
      {courses.data && items.length === 0 && <Text>{t('training.noCourses')}</Text>}
      {items.map((course) => (
        <Card withBorder key={course.id} component="section" aria-label={course.title}>
          <Stack gap="xs">
            <Group justify="space-between">
              <Title order={2} size="h4">
                {course.title}
              </Title>
              <Badge variant="light">{t(`theme.${course.topic}` as MessageId)}</Badge>
            </Group>
            {course.description && <Text size="sm">{course.description}</Text>}
            <Sessions course={course} enrolments={enrolments.data ?? []} />
            {scheduling === course.id ? (
              <ScheduleSession course={course} onDone={() => setScheduling(null)} />
            ) : (
              <Group>
                <Button size="xs" variant="default" onClick={() => setScheduling(course.id)} aria-label={t('training.scheduleNamed', { title: course.title })}>
                  {t('training.schedule')}
                </Button>
              </Group>
            )}
          </Stack>
        </Card>
      ))}
      <ShowMore list={courses} />
      <PublishCourse />
    </Stack>
  );
}
