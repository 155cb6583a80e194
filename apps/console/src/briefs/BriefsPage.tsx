import { useState, type FormEvent } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Card, Group, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { dialoguesApi, page, unwrap } from '../api/client';
import type { BriefView, Page } from '../api/views';
import { ProblemAlert } from '../common/ProblemAlert';
import { ShowMore } from '../common/ShowMore';
import { TlpLabel } from '../common/TlpLabel';
import { Countries } from '../common/Countries';
import { useFormat } from '../common/format';
import { useOrganizationNames } from '../common/registry';
import { useT } from '../i18n/LocaleProvider';

export default function BriefsPage() {
  const t = useT();
  const format = useFormat();
  const nameOf = useOrganizationNames();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);

  const briefs = useInfiniteQuery({
    queryKey: ['briefs', q],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      unwrap<Page<BriefView>>(dialoguesApi.GET('/api/v1/briefs', { params: { query: { ...(q ? { q } : {}), ...page(20, pageParam) } } })),
    getNextPageParam: (last) => last.nextCursor,
  });

  const search = (event: FormEvent) => {
    event.preventDefault();
    setParams(text.trim() ? { q: text.trim() } : {});
  };

  const items = briefs.data?.pages.flatMap((reply) => reply.items) ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('briefs.title')}</Title>
        <Button component={Link} to="/briefs/new">
          {t('briefs.publish')}
        </Button>
      </Group>
      <form onSubmit={search} role="search">
        <Group align="flex-end">
          <TextInput label={t('briefs.search')} value={text} onChange={(event) => setText(event.currentTarget.value)} style={{ flex: 1 }} type="search" />
          <Button type="submit" variant="default">
            {t('briefs.searchButton')}
          </Button>
        </Group>
      </form>
      <ProblemAlert error={briefs.error} />
      {briefs.isPending && <Loader role="status" aria-label={t('loading')} />}
      {!briefs.isPending && items.length === 0 && <Text>{q ? t('briefs.noMatch', { q }) : t('briefs.none')}</Text>}
      <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('briefs.title')}>
        {items.map((brief) => (
          <Card component="li" withBorder key={brief.id} padding="sm">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={4}>
                <Text component={Link} to={`/briefs/${brief.id}`} fw={600} c="unblue.9" lang={brief.language} dir="auto">
                  {brief.title}
                </Text>
                <Text size="sm" c="gray.8">
                  {nameOf(brief.originOrganizationId)} · {format.dateTime(brief.publishedAt)}
                  {brief.countries.length > 0 && (
                    <>
                      {' · '}
                      <Countries codes={brief.countries} />
                    </>
                  )}
                </Text>
              </Stack>
              <TlpLabel classification={brief.classification} />
            </Group>
          </Card>
        ))}
      </Stack>
      <ShowMore list={briefs} />
    </Stack>
  );
}
