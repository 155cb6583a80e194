import { type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Checkbox, Group, NativeSelect, Stack, TextInput, Textarea, Title } from '@mantine/core';
import { trainingApi, unwrap } from '../api/client';
import type { Language, Theme } from '../api/views';
import { ProblemAlert, fieldError } from '../common/ProblemAlert';
import { useDraft } from '../common/useDraft';
import { THEMES } from '../common/vocabulary';
import { useLocale, useT } from '../i18n/LocaleProvider';
import { LANGUAGES } from '../i18n/locales';
import type { MessageId } from '../i18n/messages/en';

const FIELDS = ['title', 'topic', 'languages', 'description'];

interface CourseDraft {
  title: string;
  topic: Theme;
  languages: Language[];
  description: string;
}

/** Any officer publishes a course for their own organization (POST /courses); the catalogue is green, every officer reads it. */
export function PublishCourse() {
  const t = useT();
  const { language } = useLocale();
  const queryClient = useQueryClient();
  const [draft, update, clear, requestKey] = useDraft<CourseDraft>('course', { title: '', topic: 'mediation', languages: [language], description: '' });
  const publish = useMutation({
    mutationFn: () =>
      unwrap(
        trainingApi.POST('/api/v1/courses', {
          body: { title: draft.title, topic: draft.topic, languages: draft.languages, ...(draft.description ? { description: draft.description } : {}) },
          headers: { 'Idempotency-Key': requestKey },
        }),
      ),
    onSuccess: async () => {
      clear();
      await queryClient.invalidateQueries({ queryKey: ['courses'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    publish.mutate();
  };
  return (
    <Card withBorder component="section" aria-labelledby="publish-course">
      <form onSubmit={submit} noValidate data-testid="course-form">
        <Stack gap="xs">
          <Title order={2} size="h4" id="publish-course">
            {t('training.publish')}
          </Title>
          <ProblemAlert error={publish.error} shownFields={FIELDS} />
          <TextInput label={t('training.field.title')} required value={draft.title} onChange={(event) => update({ title: event.currentTarget.value })} error={fieldError(publish.error, 'title')} />
          <NativeSelect
            label={t('training.field.topic')}
            value={draft.topic}
            onChange={(event) => update({ topic: event.currentTarget.value as Theme })}
            data={THEMES.map((value) => ({ value, label: t(`theme.${value}` as MessageId) }))}
            error={fieldError(publish.error, 'topic')}
          />
          <Checkbox.Group label={t('training.field.languages')} value={draft.languages} onChange={(languages) => update({ languages: languages as Language[] })} error={fieldError(publish.error, 'languages')}>
            <Group gap="md" mt={4}>
              {LANGUAGES.map((value) => (
                <Checkbox key={value} value={value} label={t(`languageName.${value}` as MessageId)} />
              ))}
            </Group>
          </Checkbox.Group>
          <Textarea label={t('training.field.description')} autosize minRows={2} value={draft.description} onChange={(event) => update({ description: event.currentTarget.value })} error={fieldError(publish.error, 'description')} />
          <Group>
            <Button type="submit" loading={publish.isPending}>
              {t('training.publishButton')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
