import { Suspense } from 'react';
import { AppShell, Badge, Burger, Button, Group, Loader, NavLink, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, NavLink as RouterNavLink, Outlet, useLocation } from 'react-router';
import { useSession } from '../auth/SessionProvider';
import { useLiveInbox } from '../inbox/LiveInbox';
import { useT } from '../i18n/LocaleProvider';
import type { MessageId } from '../i18n/messages/en';
import { LanguageSwitch } from './LanguageSwitch';
import { ScreenBoundary } from './ScreenBoundary';

const NAV: { to: string; label: MessageId; admin?: boolean }[] = [
  { to: '/', label: 'nav.home' },
  { to: '/inbox', label: 'nav.inbox' },
  { to: '/briefs', label: 'nav.briefs' },
  { to: '/dialogues', label: 'nav.dialogues' },
  { to: '/recommendations', label: 'nav.recommendations' },
  { to: '/initiatives', label: 'nav.initiatives' },
  { to: '/programmes', label: 'nav.programmes' },
  { to: '/training', label: 'nav.training' },
  { to: '/settings', label: 'nav.settings' },
  { to: '/admin', label: 'nav.admin', admin: true },
];

export function UnreadBadge() {
  const t = useT();
  const { unread, unreadMore } = useLiveInbox();
  const count = unreadMore ? `${unread}+` : String(unread);
  return (
    <Badge color={unread ? 'red.9' : 'gray.7'} variant="filled" data-testid="unread-badge" aria-label={t('inbox.unreadCount', { count: unread })}>
      {count}
    </Badge>
  );
}

export function Shell() {
  const t = useT();
  const { officer, organization, signOut, isAdmin } = useSession();
  const [opened, { toggle, close }] = useDisclosure(false);
  const { arrived } = useLiveInbox();
  const location = useLocation();
  return (
    <AppShell header={{ height: 64 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <a
        href="#main"
        className="skip-link"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('nav.skip')}
      </a>
      <div role="status" aria-live="polite" className="visually-hidden" data-testid="live-announcement">
        {arrived ? t('inbox.arrived', { title: arrived.title }) : ''}
      </div>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.menu')} />
            <Text component={Link} to="/" fw={700} size="lg" c="unblue.9" td="none">
              {t('app.name')}
            </Text>
            {organization && (
              <Text size="sm" c="gray.8" visibleFrom="sm">
                {organization.acronym} · {officer?.name}
              </Text>
            )}
          </Group>
          <Group wrap="nowrap" gap="sm">
            <Button component={Link} to="/inbox" variant="subtle" rightSection={<UnreadBadge />}>
              {t('nav.inbox')}
            </Button>
            <Button variant="default" onClick={signOut}>
              {t('signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t('nav.label')}>
        {NAV.filter((item) => !item.admin || isAdmin).map((item) => (
          <NavLink
            key={item.to}
            component={RouterNavLink}
            to={item.to}
            end={item.to === '/'}
            label={t(item.label)}
            active={item.to === '/' ? location.pathname === '/' : location.pathname.startsWith(item.to)}
            onClick={close}
          />
        ))}
        <div style={{ marginTop: 'auto' }}>
          <LanguageSwitch />
        </div>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        {/* a new boundary for each address: leaving a screen that failed tries the next one afresh */}
        <ScreenBoundary key={location.pathname}>
          <Suspense
            fallback={
              <Loader role="status" aria-label={t('loading')} />
            }
          >
            <Outlet />
          </Suspense>
        </ScreenBoundary>
      </AppShell.Main>
    </AppShell>
  );
}
