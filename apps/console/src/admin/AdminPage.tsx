import { Tabs, Title, Stack, Text } from '@mantine/core';
import { useSession } from '../auth/SessionProvider';
import { useT } from '../i18n/LocaleProvider';
import { DesksPanel } from './DesksPanel';
import { OfficersPanel } from './OfficersPanel';
import { OrganizationsPanel } from './OrganizationsPanel';
import { WebhooksPanel } from './WebhooksPanel';

/** An organization's admin: its desks, officers and webhooks; a UN admin also the registry. */
export default function AdminPage() {
  const t = useT();
  const { isAdmin, isUnAdmin, session } = useSession();
  if (!isAdmin || !session) return <Text>{t('admin.only')}</Text>;
  return (
    <Stack>
      <Title order={1}>{t('nav.admin')}</Title>
      <Tabs defaultValue="desks" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="desks">{t('admin.desks')}</Tabs.Tab>
          <Tabs.Tab value="officers">{t('admin.officers')}</Tabs.Tab>
          <Tabs.Tab value="webhooks">{t('admin.webhooks')}</Tabs.Tab>
          {isUnAdmin && <Tabs.Tab value="organizations">{t('admin.organizations')}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="desks" pt="md">
          <DesksPanel organizationId={session.organizationId} />
        </Tabs.Panel>
        <Tabs.Panel value="officers" pt="md">
          <OfficersPanel organizationId={session.organizationId} />
        </Tabs.Panel>
        <Tabs.Panel value="webhooks" pt="md">
          <WebhooksPanel />
        </Tabs.Panel>
        {isUnAdmin && (
          <Tabs.Panel value="organizations" pt="md">
            <OrganizationsPanel />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}
