import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, Group, NativeSelect, PasswordInput, Stack, Table, TextInput, Title } from '@mantine/core';
import { organizationsApi, unwrap } from '../api/client';
import type { Language, OfficerView } from '../api/views';
import { ProblemAlert, fieldError } from '../common/ProblemAlert';
import { useDesks, useOfficers } from '../common/registry';
import { useDraft } from '../common/useDraft';
import { useT } from '../i18n/LocaleProvider';
import { LANGUAGES, LANGUAGE_NAMES } from '../i18n/locales';

export function OfficersPanel({ organizationId }: { organizationId: string }) {
  const t = useT();
  const officers = useOfficers(organizationId);
  const desks = useDesks(organizationId);
  const queryClient = useQueryClient();
  const [draft, update, clear] = useDraft('officer', { name: '', email: '', deskId: '', language: 'en' as Language, admin: false });
  // The password is never kept in a draft.
  const [password, setPassword] = useState('');
  const register = useMutation({
    mutationFn: () =>
      unwrap<OfficerView>(
        organizationsApi.POST('/api/v1/officers', {
          body: {
            organizationId,
            name: draft.name,
            email: draft.email,
            ...(draft.deskId ? { deskId: draft.deskId } : {}),
            language: draft.language,
            roles: draft.admin ? ['officer', 'admin'] : ['officer'],
            ...(password ? { password } : {}),
          },
        }),
      ),
    onSuccess: async () => {
      clear();
      setPassword('');
      await queryClient.invalidateQueries({ queryKey: ['officers'] });
    },
  });
  const leave = useMutation({
    mutationFn: (id: string) => unwrap<OfficerView>(organizationsApi.POST('/api/v1/officers/{id}/leave', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['officers'] }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    register.mutate();
  };
  const deskName = (id: string | null) => desks.data?.find((desk) => desk.id === id)?.name ?? '—';
  const error = register.error;
  return (
    <Stack>
      <ProblemAlert error={officers.error ?? leave.error} />
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.officerName')}</Table.Th>
            <Table.Th>{t('signIn.email')}</Table.Th>
            <Table.Th>{t('admin.desk')}</Table.Th>
            <Table.Th>{t('language.label')}</Table.Th>
            <Table.Th>{t('admin.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(officers.data ?? []).map((officer) => (
            <Table.Tr key={officer.id}>
              <Table.Td>{officer.name}</Table.Td>
              <Table.Td>{officer.email}</Table.Td>
              <Table.Td>{deskName(officer.deskId)}</Table.Td>
              <Table.Td>{LANGUAGE_NAMES[officer.language]}</Table.Td>
              <Table.Td>
                {officer.leftAt ? (
                  t('admin.left')
                ) : (
                  <Button size="xs" variant="default" onClick={() => window.confirm(t('admin.leaveConfirm', { name: officer.name })) && leave.mutate(officer.id)}>
                    {t('admin.leave')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <form onSubmit={submit} noValidate>
        <Stack gap="xs" maw={640}>
          <Title order={2} size="h4">
            {t('admin.registerOfficer')}
          </Title>
          <ProblemAlert error={error} shownFields={['name', 'email', 'deskId', 'language', 'roles', 'password']} />
          <TextInput label={t('admin.officerName')} required value={draft.name} onChange={(event) => update({ name: event.currentTarget.value })} error={fieldError(error, 'name')} />
          <TextInput label={t('signIn.email')} type="email" required value={draft.email} onChange={(event) => update({ email: event.currentTarget.value })} error={fieldError(error, 'email')} />
          <Group grow align="flex-start">
            <NativeSelect label={t('admin.desk')} value={draft.deskId} onChange={(event) => update({ deskId: event.currentTarget.value })} data={[{ value: '', label: t('none') }, ...(desks.data ?? []).map((desk) => ({ value: desk.id, label: desk.name }))]} error={fieldError(error, 'deskId')} />
            <NativeSelect label={t('language.label')} value={draft.language} onChange={(event) => update({ language: event.currentTarget.value as Language })} data={LANGUAGES.map((value) => ({ value, label: LANGUAGE_NAMES[value] }))} error={fieldError(error, 'language')} />
          </Group>
          <PasswordInput label={t('signIn.password')} value={password} onChange={(event) => setPassword(event.currentTarget.value)} error={fieldError(error, 'password')} autoComplete="new-password" />
          <Checkbox label={t('admin.isAdmin')} checked={draft.admin} onChange={(event) => update({ admin: event.currentTarget.checked })} />
          <Group>
            <Button type="submit" loading={register.isPending}>
              {t('admin.registerOfficerButton')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
