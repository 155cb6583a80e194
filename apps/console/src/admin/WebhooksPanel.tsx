import { useState, type FormEvent } from 'react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Badge, Button, Code, Group, MultiSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notificationsApi, page, unwrap } from '../api/client';
import { createWebhookDtoEventTypesValues, type components } from '../api/generated/notifications';
import { ProblemAlert, fieldError } from '../common/ProblemAlert';
import { ShowMore } from '../common/ShowMore';
import { useT } from '../i18n/LocaleProvider';
import type { MessageId } from '../i18n/messages/en';

type EventType = components['schemas']['CreateWebhookDto']['eventTypes'][number];
type WebhookView = components['schemas']['WebhookView'];

type LabelOf<T> = T extends `liaison.${infer Aggregate}.${infer Verb}.v${number}` ? `eventType.${Aggregate}.${Verb}` : never;

/**
 * `liaison.brief.published.v1` → `eventType.brief.published`, the message naming it. A type the
 * service accepts (from the regenerated client) with no message yet fails the type check here.
 */
const nameOf = (type: EventType): MessageId => `eventType.${type.split('.').slice(1, 3).join('.')}` as LabelOf<EventType>;

/** The organization's webhook endpoints; a new endpoint's secret is shown once. */
export function WebhooksPanel() {
  const t = useT();
  const queryClient = useQueryClient();
  // page by page, as the service lists them
  const webhooks = useInfiniteQuery({
    queryKey: ['webhooks'],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => unwrap(notificationsApi.GET('/api/v1/webhooks', { params: { query: { ...page(50, pageParam) } } })),
    getNextPageParam: (last) => last.nextCursor,
  });
  const [url, setUrl] = useState('');
  const [eventTypes, setEventTypes] = useState<EventType[]>([]);
  const [secret, setSecret] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => unwrap(notificationsApi.POST('/api/v1/webhooks', { body: { url, eventTypes } })),
    onSuccess: async (created) => {
      setSecret(created.secret ?? null);
      setUrl('');
      setEventTypes([]);
      await queryClient.invalidateQueries({ queryKey: ['webhooks'] });
    },
  });
  const toggle = useMutation({
    mutationFn: (webhook: WebhookView) =>
      unwrap(notificationsApi.PATCH('/api/v1/webhooks/{id}', { params: { path: { id: webhook.id } }, body: { enabled: !webhook.enabled } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['webhooks'] }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <Stack>
      <ProblemAlert error={webhooks.error ?? toggle.error} />
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.url')}</Table.Th>
            <Table.Th>{t('admin.eventTypes')}</Table.Th>
            <Table.Th>{t('dialogues.field.status')}</Table.Th>
            <Table.Th>{t('admin.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(webhooks.data?.pages.flatMap((reply) => reply.items) ?? []).map((webhook) => (
            <Table.Tr key={webhook.id}>
              <Table.Td dir="ltr">{webhook.url}</Table.Td>
              <Table.Td>{webhook.eventTypes.length}</Table.Td>
              <Table.Td>
                <Badge color={webhook.enabled ? '#1b6b2c' : 'gray.7'}>{webhook.enabled ? t('admin.enabled') : t('admin.disabled')}</Badge>
              </Table.Td>
              <Table.Td>
                <Button size="xs" variant="default" onClick={() => toggle.mutate(webhook)}>
                  {webhook.enabled ? t('admin.disable') : t('admin.enable')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <ShowMore list={webhooks} />
      {secret && (
        <Alert color="yellow" title={t('admin.secretOnce')}>
          <Code>{secret}</Code>
        </Alert>
      )}
      <form onSubmit={submit} noValidate>
        <Stack gap="xs" maw={640}>
          <Title order={2} size="h4">
            {t('admin.addWebhook')}
          </Title>
          <ProblemAlert error={create.error} shownFields={['url', 'eventTypes']} />
          <TextInput label={t('admin.webhookUrl')} required value={url} onChange={(event) => setUrl(event.currentTarget.value)} error={fieldError(create.error, 'url')} dir="ltr" />
          <MultiSelect
            label={t('admin.eventTypes')}
            required
            searchable
            data={createWebhookDtoEventTypesValues.map((type) => ({ value: type, label: t(nameOf(type)) }))}
            // the type's name in the officer's language, the type itself (as endpoints receive it) under it
            renderOption={({ option }) => (
              <Stack gap={0}>
                <Text size="sm">{option.label}</Text>
                <Text size="xs" c="gray.8">
                  <span dir="ltr">{option.value}</span>
                </Text>
              </Stack>
            )}
            value={eventTypes}
            onChange={(types) => setEventTypes(types as EventType[])}
            error={fieldError(create.error, 'eventTypes')}
          />
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t('admin.addWebhookButton')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
