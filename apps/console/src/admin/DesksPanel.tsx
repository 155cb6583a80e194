import { type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Group, MultiSelect, Stack, Table, TagsInput, TextInput, Title } from '@mantine/core';
import { organizationsApi, unwrap } from '../api/client';
import type { CountryCode, DeskView, Theme } from '../api/views';
import { Countries } from '../common/Countries';
import { ProblemAlert, fieldError } from '../common/ProblemAlert';
import { useFormat } from '../common/format';
import { useDesks } from '../common/registry';
import { useDraft } from '../common/useDraft';
import { THEMES, typedCountryCodes } from '../common/vocabulary';
import { useT } from '../i18n/LocaleProvider';
import type { MessageId } from '../i18n/messages/en';

export function DesksPanel({ organizationId }: { organizationId: string }) {
  const t = useT();
  const format = useFormat();
  const desks = useDesks(organizationId);
  const queryClient = useQueryClient();
  const [draft, update, clear] = useDraft('desk', { name: '', countries: [] as CountryCode[], themes: [] as Theme[] });
  const open = useMutation({
    mutationFn: () => unwrap<DeskView>(organizationsApi.POST('/api/v1/desks', { body: { organizationId, ...draft } })),
    onSuccess: async () => {
      clear();
      await queryClient.invalidateQueries({ queryKey: ['desks'] });
    },
  });
  const close = useMutation({
    mutationFn: (id: string) => unwrap<DeskView>(organizationsApi.POST('/api/v1/desks/{id}/close', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['desks'] }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    open.mutate();
  };
  return (
    <Stack>
      <ProblemAlert error={desks.error ?? close.error} />
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.deskName')}</Table.Th>
            <Table.Th>{t('briefs.field.countries')}</Table.Th>
            <Table.Th>{t('briefs.field.themes')}</Table.Th>
            <Table.Th>{t('admin.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(desks.data ?? []).map((desk) => (
            <Table.Tr key={desk.id}>
              <Table.Td>{desk.name}</Table.Td>
              <Table.Td>
                <Countries codes={desk.countries} />
              </Table.Td>
              <Table.Td>{format.list(desk.themes.map((theme) => t(`theme.${theme}` as MessageId)))}</Table.Td>
              <Table.Td>
                <Button size="xs" variant="default" onClick={() => window.confirm(t('admin.closeDeskConfirm', { desk: desk.name })) && close.mutate(desk.id)}>
                  {t('admin.closeDesk')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <form onSubmit={submit} noValidate>
        <Stack gap="xs" maw={640}>
          <Title order={2} size="h4">
            {t('admin.openDesk')}
          </Title>
          <ProblemAlert error={open.error} shownFields={['name', 'countries', 'themes']} />
          <TextInput label={t('admin.deskName')} required value={draft.name} onChange={(event) => update({ name: event.currentTarget.value })} error={fieldError(open.error, 'name')} />
          <TagsInput label={t('briefs.field.countries')} description={t('briefs.field.countriesHelp')} value={draft.countries} onChange={(countries) => update({ countries: typedCountryCodes(countries) })} error={fieldError(open.error, 'countries')} />
          <MultiSelect label={t('briefs.field.themes')} data={THEMES.map((value) => ({ value, label: t(`theme.${value}` as MessageId) }))} value={draft.themes} onChange={(themes) => update({ themes: themes as Theme[] })} error={fieldError(open.error, 'themes')} />
          <Group>
            <Button type="submit" loading={open.isPending}>
              {t('admin.openDeskButton')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
