import { useState } from 'react';
import { Button, Group, Stack } from '@mantine/core';
import { useT } from '../i18n/LocaleProvider';
import { CancelSession } from './CancelSession';
import { EditSession } from './EditSession';
import { Roster } from './Roster';
import type { SessionView } from './views';

/**
 * What a session's organizers (officers of its organizing organizations, as the service decides)
 * do with it: see its roster (and there record attendance and completion), reschedule it, cancel
 * it. Once it is over or cancelled only the roster remains: the service refuses a change or a
 * cancellation then (`session-over`, `session-cancelled`).
 */
export function SessionOrganizing({ session, moment }: { session: SessionView; moment: { started: boolean; over: boolean } }) {
  const t = useT();
  const [rosterShown, setRosterShown] = useState(false);
  const [open, setOpen] = useState<'edit' | 'cancel' | null>(null);
  const changeable = !moment.over && session.status !== 'cancelled';
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <Button size="xs" variant="default" aria-expanded={rosterShown} onClick={() => setRosterShown(!rosterShown)}>
          {t('training.roster.title')}
        </Button>
        {changeable && open === null && (
          <>
            <Button size="xs" variant="default" onClick={() => setOpen('edit')}>
              {t('training.edit')}
            </Button>
            <Button size="xs" variant="outline" color="red.9" onClick={() => setOpen('cancel')}>
              {t('training.cancelSession.open')}
            </Button>
          </>
        )}
      </Group>
      {changeable && open === 'edit' && <EditSession session={session} started={moment.started} onDone={() => setOpen(null)} />}
      {changeable && open === 'cancel' && <CancelSession session={session} onDone={() => setOpen(null)} />}
      {rosterShown && <Roster session={session} moment={moment} />}
    </Stack>
  );
}
