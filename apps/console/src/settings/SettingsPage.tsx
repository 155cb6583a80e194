import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Card, Checkbox, Group, MultiSelect, NativeSelect, NumberInput, Radio, Stack, TagsInput, Text, Title } from '@mantine/core';
import { allPages, notificationsApi, page, unwrap } from '../api/client';
import type { components } from '../api/generated/notifications';
import type { CountryCode, Page, PreferencesView, SubscriptionView } from '../api/views';
import { ProblemAlert, fieldError } from '../common/ProblemAlert';
import { browserTimeZone } from '../common/datetime';
import { useFormat } from '../common/format';
import { useOrganizationNames, useOrganizations } from '../common/registry';
import { useDraft } from '../common/useDraft';
import { REGIONS, THEMES, typedCountryCodes } from '../common/vocabulary';
import { ITEM_KINDS, ITEM_TYPES, kindOf } from '../inbox/kinds';
import { LanguageSwitch } from '../layout/LanguageSwitch';
import { useT } from '../i18n/LocaleProvider';
import type { MessageId } from '../i18n/messages/en';

type Filters = components['schemas']['SubscriptionFiltersDto'];
type Channel = 'in-app' | 'email' | 'webhook';
const CHANNELS: Channel[] = ['in-app', 'email', 'webhook'];
/** UTC first: browsers list only the zones of places (Chromium's list has no UTC). */
const TIME_ZONES: string[] = ['UTC', ...(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC') : [])];
/** The select's value for "no zone chosen" (saved as null: the console then takes the browser's). */
const NOT_CHOSEN = '';

function Preferences() {
  const t = useT();
  const queryClient = useQueryClient();
  const preferences = useQuery({ queryKey: ['preferences'], queryFn: () => unwrap<PreferencesView>(notificationsApi.GET('/api/v1/notifications/preferences')) });
  const [edit, setEdit] = useState<PreferencesView | null>(null);
  const value = edit ?? preferences.data;
  const save = useMutation({
    mutationFn: (next: PreferencesView) => unwrap<PreferencesView>(notificationsApi.PATCH('/api/v1/notifications/preferences', { body: next })),
    onSuccess: (saved) => {
      setEdit(null);
      queryClient.setQueryData(['preferences'], saved);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value) save.mutate({ timezone: value.timezone, digestHour: value.digestHour });
  };
  return (
    <Card withBorder component="section" aria-labelledby="preferences-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="xs">
          <Title order={2} size="h4" id="preferences-title">
            {t('settings.preferences')}
          </Title>
          <LanguageSwitch />
          <ProblemAlert error={preferences.error ?? save.error} shownFields={['timezone', 'digestHour']} />
          {value && (
            <Group grow align="flex-start">
              <NativeSelect label={t('settings.timezone')} value={value.timezone ?? NOT_CHOSEN} data={timeZoneOptions(value.timezone, t('settings.timezoneNotChosen', { zone: browserTimeZone() }))} onChange={(event) => setEdit({ ...value, timezone: event.currentTarget.value || null })} error={fieldError(save.error, 'timezone')} />
              <NumberInput label={t('settings.digestHour')} min={0} max={23} value={value.digestHour} onChange={(hour) => setEdit({ ...value, digestHour: Number(hour) })} error={fieldError(save.error, 'digestHour')} />
            </Group>
          )}
          <Group>
            <Button type="submit" loading={save.isPending} disabled={!edit}>
              {t('save')}
            </Button>
            {save.isSuccess && !edit && <Text role="status">{t('saved')}</Text>}
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** "None chosen" first, then every zone (the saved one too, should this browser not know it). */
function timeZoneOptions(saved: string | null, notChosen: string) {
  const zones = saved === null || TIME_ZONES.includes(saved) ? TIME_ZONES : [saved, ...TIME_ZONES];
  return [{ value: NOT_CHOSEN, label: notChosen }, ...zones];
}

function NewSubscription() {
  const t = useT();
  const organizations = useOrganizations();
  const queryClient = useQueryClient();
  const [draft, update, clear, requestKey] = useDraft('subscription', {
    kinds: [] as string[],
    organizations: [] as string[],
    countries: [] as CountryCode[],
    regions: [] as string[],
    themes: [] as string[],
    channels: ['in-app'] as Channel[],
    frequency: 'immediate' as 'immediate' | 'daily',
  });
  const create = useMutation({
    mutationFn: () =>
      unwrap<SubscriptionView>(
        notificationsApi.POST('/api/v1/subscriptions', {
          body: {
            filters: {
              eventTypes: ITEM_TYPES.filter((type) => draft.kinds.includes(kindOf(type))),
              organizations: draft.organizations,
              countries: draft.countries,
              regions: draft.regions as Filters['regions'],
              themes: draft.themes as Filters['themes'],
            },
            channels: draft.channels,
            frequency: draft.frequency,
          },
          headers: { 'Idempotency-Key': requestKey },
        }),
      ),
    onSuccess: async () => {
      clear();
      await queryClient.invalidateQueries({ queryKey: ['subscriptions'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const error = create.error;
  return (
    <Card withBorder component="section" aria-labelledby="subscribe-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="xs">
          <Title order={2} size="h4" id="subscribe-title">
            {t('settings.newSubscription')}
          </Title>
          <ProblemAlert error={error} shownFields={['filters', 'channels', 'frequency']} />
          <MultiSelect label={t('settings.kinds')} data={ITEM_KINDS.map((value) => ({ value, label: t(`inbox.kind.${value}` as MessageId) }))} value={draft.kinds} onChange={(kinds) => update({ kinds })} error={fieldError(error, 'filters.eventTypes')} />
          <MultiSelect label={t('settings.organizations')} searchable data={(organizations.data ?? []).map((organization) => ({ value: organization.id, label: organization.acronym }))} value={draft.organizations} onChange={(ids) => update({ organizations: ids })} error={fieldError(error, 'filters.organizations')} />
          <TagsInput label={t('briefs.field.countries')} description={t('briefs.field.countriesHelp')} value={draft.countries} onChange={(countries) => update({ countries: typedCountryCodes(countries) })} error={fieldError(error, 'filters.countries')} />
          <Group grow align="flex-start">
            <MultiSelect label={t('settings.regions')} data={REGIONS.map((value) => ({ value, label: t(`region.${value}` as MessageId) }))} value={draft.regions} onChange={(regions) => update({ regions })} error={fieldError(error, 'filters.regions')} />
            <MultiSelect label={t('briefs.field.themes')} data={THEMES.map((value) => ({ value, label: t(`theme.${value}` as MessageId) }))} value={draft.themes} onChange={(themes) => update({ themes })} error={fieldError(error, 'filters.themes')} />
          </Group>
          <Checkbox.Group label={t('settings.channels')} value={draft.channels} onChange={(channels) => update({ channels: channels as Channel[] })} error={fieldError(error, 'channels')}>
            <Group mt="xs">
              {CHANNELS.map((channel) => (
                <Checkbox key={channel} value={channel} label={t(`settings.channel.${channel}` as MessageId)} />
              ))}
            </Group>
          </Checkbox.Group>
          <Radio.Group label={t('settings.frequency')} value={draft.frequency} onChange={(frequency) => update({ frequency: frequency as 'immediate' | 'daily' })} error={fieldError(error, 'frequency')}>
            <Group mt="xs">
              <Radio value="immediate" label={t('settings.immediate')} />
              <Radio value="daily" label={t('settings.daily')} />
            </Group>
          </Radio.Group>
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t('settings.subscribe')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

export default function SettingsPage() {
  const t = useT();
  const format = useFormat();
  const nameOf = useOrganizationNames();
  const queryClient = useQueryClient();
  // all of them, to the last page: an officer may keep more than one page's worth
  const subscriptions = useQuery({
    queryKey: ['subscriptions'],
    queryFn: () => allPages((cursor) => unwrap<Page<SubscriptionView>>(notificationsApi.GET('/api/v1/subscriptions', { params: { query: { ...page(200, cursor) } } }))),
  });
  const remove = useMutation({
    mutationFn: (id: string) => unwrap(notificationsApi.DELETE('/api/v1/subscriptions/{id}', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['subscriptions'] }),
  });
  const describe = (subscription: SubscriptionView) => {
    const { filters } = subscription;
    const parts = [
      filters.eventTypes.length ? format.list([...new Set(filters.eventTypes.map((type) => t(`inbox.kind.${kindOf(type)}` as MessageId)))]) : t('settings.everything'),
      ...filters.organizations.map(nameOf),
      ...filters.countries.map(format.country),
      ...filters.regions.map((region) => t(`region.${region}` as MessageId)),
      ...filters.themes.map((theme) => t(`theme.${theme}` as MessageId)),
    ];
    if (filters.concerningMe) parts.push(t('settings.concerningMe'));
    return parts.join(' · ');
  };
  return (
    <Stack maw={900}>
      <Title order={1}>{t('nav.settings')}</Title>
      <Preferences />
      <Title order={2} size="h3">
        {t('settings.subscriptions')}
      </Title>
      <ProblemAlert error={subscriptions.error ?? remove.error} />
      <Stack component="ul" gap="sm" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {(subscriptions.data ?? []).map((subscription) => (
          <Card component="li" withBorder key={subscription.id} padding="sm">
            <Group justify="space-between" wrap="nowrap">
              <Stack gap={2}>
                <Text>{describe(subscription)}</Text>
                <Group gap={4}>
                  {subscription.channels.map((channel) => (
                    <Badge key={channel} variant="outline" color="gray.8">
                      {t(`settings.channel.${channel}` as MessageId)}
                    </Badge>
                  ))}
                  <Badge color="unblue.9">{subscription.frequency === 'daily' ? t('settings.daily') : t('settings.immediate')}</Badge>
                  {subscription.isDefault && <Badge color="gray.7">{t('settings.default')}</Badge>}
                </Group>
              </Stack>
              {!subscription.isDefault && (
                <Button variant="default" onClick={() => remove.mutate(subscription.id)}>
                  {t('settings.unsubscribe')}
                </Button>
              )}
            </Group>
          </Card>
        ))}
      </Stack>
      <NewSubscription />
    </Stack>
  );
}
