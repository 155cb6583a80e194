import { type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, Group, NativeSelect, Stack, Table, TagsInput, TextInput, Title } from '@mantine/core';
import { organizationsApi, unwrap } from '../api/client';
import type { components } from '../api/generated/organizations';
import type { CountryCode, OrganizationView } from '../api/views';
import { ProblemAlert, fieldError } from '../common/ProblemAlert';
import { useOrganizations } from '../common/registry';
import { useDraft } from '../common/useDraft';
import { REGIONS, typedCountryCodes } from '../common/vocabulary';
import { useT } from '../i18n/LocaleProvider';
import type { MessageId } from '../i18n/messages/en';

type Create = components['schemas']['CreateOrganizationDto'];
/** `united-nations` is not offered: the UN organization, registered at first start, is the only one of that kind. */
const KINDS: Create['kind'][] = ['regional', 'subregional', 'other'];

/** The registry, for UN admins: every organization, and registering a new one. */
export function OrganizationsPanel() {
  const t = useT();
  const organizations = useOrganizations();
  const queryClient = useQueryClient();
  const [draft, update, clear] = useDraft('organization', {
    acronym: '',
    name: '',
    kind: 'regional' as Create['kind'],
    region: 'africa' as Create['region'],
    memberStates: [] as CountryCode[],
    chapterVIII: false,
    website: '',
  });
  const register = useMutation({
    mutationFn: () =>
      unwrap<OrganizationView>(
        organizationsApi.POST('/api/v1/organizations', { body: { ...draft, ...(draft.website ? {} : { website: undefined }) } }),
      ),
    onSuccess: async () => {
      clear();
      await queryClient.invalidateQueries({ queryKey: ['organizations'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    register.mutate();
  };
  const error = register.error;
  return (
    <Stack>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.acronym')}</Table.Th>
            <Table.Th>{t('admin.organizationName')}</Table.Th>
            <Table.Th>{t('briefs.field.region')}</Table.Th>
            <Table.Th>{t('admin.memberStates')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(organizations.data ?? []).map((organization) => (
            <Table.Tr key={organization.id}>
              <Table.Td>{organization.acronym}</Table.Td>
              <Table.Td>{organization.name}</Table.Td>
              <Table.Td>{t(`region.${organization.region}` as MessageId)}</Table.Td>
              <Table.Td>{organization.memberStates.length}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <form onSubmit={submit} noValidate>
        <Stack gap="xs" maw={640}>
          <Title order={2} size="h4">
            {t('admin.registerOrganization')}
          </Title>
          <ProblemAlert error={error} shownFields={['acronym', 'name', 'kind', 'region', 'memberStates', 'chapterVIII', 'website']} />
          <Group grow align="flex-start">
            <TextInput label={t('admin.acronym')} required value={draft.acronym} onChange={(event) => update({ acronym: event.currentTarget.value })} error={fieldError(error, 'acronym')} />
            <TextInput label={t('admin.organizationName')} required value={draft.name} onChange={(event) => update({ name: event.currentTarget.value })} error={fieldError(error, 'name')} />
          </Group>
          <Group grow align="flex-start">
            <NativeSelect label={t('admin.kind')} value={draft.kind} onChange={(event) => update({ kind: event.currentTarget.value as Create['kind'] })} data={KINDS.map((value) => ({ value, label: t(`organization.kind.${value}` as MessageId) }))} error={fieldError(error, 'kind')} />
            <NativeSelect label={t('briefs.field.region')} value={draft.region} onChange={(event) => update({ region: event.currentTarget.value as Create['region'] })} data={REGIONS.map((value) => ({ value, label: t(`region.${value}` as MessageId) }))} error={fieldError(error, 'region')} />
          </Group>
          <TagsInput label={t('admin.memberStates')} description={t('briefs.field.countriesHelp')} value={draft.memberStates} onChange={(memberStates) => update({ memberStates: typedCountryCodes(memberStates) })} error={fieldError(error, 'memberStates')} />
          <TextInput label={t('admin.website')} value={draft.website} onChange={(event) => update({ website: event.currentTarget.value })} error={fieldError(error, 'website')} dir="ltr" />
          <Checkbox label={t('admin.chapterVIII')} checked={draft.chapterVIII} onChange={(event) => update({ chapterVIII: event.currentTarget.checked })} />
          <Group>
            <Button type="submit" loading={register.isPending}>
              {t('admin.registerOrganizationButton')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
