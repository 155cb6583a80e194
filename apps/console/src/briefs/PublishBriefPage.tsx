import { type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Group, MultiSelect, NativeSelect, Stack, TagsInput, Textarea, TextInput, Title } from '@mantine/core';
import { useNavigate } from 'react-router';
import { dialoguesApi, unwrap } from '../api/client';
import type { Audience, BriefView, Classification, CountryCode, Language, Region, Theme } from '../api/views';
import { useSession } from '../auth/SessionProvider';
import { AudiencePicker, audienceFor } from '../common/AudiencePicker';
import { ClassificationPicker } from '../common/ClassificationPicker';
import { ProblemAlert, fieldError } from '../common/ProblemAlert';
import { REGIONS, THEMES, typedCountryCodes } from '../common/vocabulary';
import { useDraft } from '../common/useDraft';
import { useLocale, useT } from '../i18n/LocaleProvider';
import { LANGUAGES, LANGUAGE_NAMES } from '../i18n/locales';
import type { MessageId } from '../i18n/messages/en';

interface BriefDraft {
  title: string;
  body: string;
  language: Language;
  countries: CountryCode[];
  region: Region | '';
  themes: Theme[];
  classification: Classification;
  audience: Audience;
}

const FIELDS = ['title', 'body', 'language', 'countries', 'region', 'themes', 'classification', 'audience'];

export default function PublishBriefPage() {
  const t = useT();
  const { language } = useLocale();
  const { session } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [draft, update, clear, requestKey] = useDraft<BriefDraft>('brief', {
    title: '',
    body: '',
    language,
    countries: [],
    region: '',
    themes: [],
    classification: 'green',
    audience: { organizations: [], officers: [] },
  });

  const publish = useMutation({
    mutationFn: () =>
      unwrap<BriefView>(
        dialoguesApi.POST('/api/v1/briefs', {
          body: {
            title: draft.title,
            body: draft.body,
            language: draft.language,
            countries: draft.countries,
            ...(draft.region ? { region: draft.region } : {}),
            themes: draft.themes,
            classification: draft.classification,
            audience: audienceFor(draft.classification, draft.audience),
          },
          headers: { 'Idempotency-Key': requestKey },
        }),
      ),
    onSuccess: async (brief) => {
      clear();
      await queryClient.invalidateQueries({ queryKey: ['briefs'] });
      navigate(`/briefs/${brief.id}`);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    publish.mutate();
  };
  const error = publish.error;
  return (
    <Stack maw={760}>
      <Title order={1}>{t('briefs.publishTitle')}</Title>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ProblemAlert error={error} shownFields={FIELDS} />
          <TextInput label={t('briefs.field.title')} required value={draft.title} onChange={(event) => update({ title: event.currentTarget.value })} error={fieldError(error, 'title')} dir="auto" />
          <Textarea
            label={t('briefs.field.body')}
            required
            autosize
            minRows={6}
            value={draft.body}
            onChange={(event) => update({ body: event.currentTarget.value })}
            error={fieldError(error, 'body')}
            dir="auto"
          />
          <Group grow align="flex-start">
            <NativeSelect
              label={t('briefs.field.language')}
              value={draft.language}
              onChange={(event) => update({ language: event.currentTarget.value as Language })}
              data={LANGUAGES.map((value) => ({ value, label: LANGUAGE_NAMES[value] }))}
              error={fieldError(error, 'language')}
            />
            <NativeSelect
              label={t('briefs.field.region')}
              value={draft.region}
              onChange={(event) => update({ region: event.currentTarget.value as Region | '' })}
              data={[{ value: '', label: t('none') }, ...REGIONS.map((value) => ({ value, label: t(`region.${value}` as MessageId) }))]}
              error={fieldError(error, 'region')}
            />
          </Group>
          <TagsInput
            label={t('briefs.field.countries')}
            description={t('briefs.field.countriesHelp')}
            value={draft.countries}
            onChange={(countries) => update({ countries: typedCountryCodes(countries) })}
            error={fieldError(error, 'countries')}
          />
          <MultiSelect
            label={t('briefs.field.themes')}
            data={THEMES.map((value) => ({ value, label: t(`theme.${value}` as MessageId) }))}
            value={draft.themes}
            onChange={(themes) => update({ themes: themes as Theme[] })}
            error={fieldError(error, 'themes')}
            searchable
          />
          <ClassificationPicker value={draft.classification} onChange={(classification) => update({ classification })} error={fieldError(error, 'classification')} />
          <AudiencePicker
            classification={draft.classification}
            value={draft.audience}
            onChange={(audience) => update({ audience })}
            ownOrganizationId={session?.organizationId}
            error={error}
          />
          <Group>
            <Button type="submit" loading={publish.isPending}>
              {t('briefs.publishButton')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
