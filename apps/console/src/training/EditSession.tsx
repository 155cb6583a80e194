import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Group, NumberInput, Stack, TextInput } from '@mantine/core';
import { trainingApi, unwrap } from '../api/client';
import { ProblemAlert, fieldError } from '../common/ProblemAlert';
import { useDateTime } from '../common/timeZone';
import { useDraft } from '../common/useDraft';
import { useT } from '../i18n/LocaleProvider';
import type { SessionView } from './views';

const FIELDS = ['startsAt', 'endsAt', 'seats', 'location'];

/** The form's values for the session as it is, with the version they start from. */
const asDraft = (session: SessionView, localDateTime: (iso: string | null | undefined) => string) => ({
  version: session.version,
  startsAt: localDateTime(session.startsAt),
  endsAt: localDateTime(session.endsAt),
  seats: session.seats as number | string,
  location: session.location ?? '',
});

/**
 * An organizer reschedules a session or changes its seats (PATCH /sessions/{id}): more seats
 * promote the waitlist; fewer than are confirmed is refused, and the refusal shows at the field.
 * Once the session has started its start stays (the field is read-only); dates are sent only when
 * changed, since the form shows them to the minute and the service keeps them to the millisecond.
 */
export function EditSession({ session, started, onDone }: { session: SessionView; started: boolean; onDone: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const { localDateTime, withOffset } = useDateTime();
  const [draft, update, clear] = useDraft(`session-${session.id}`, asDraft(session, localDateTime));
  const [seatless, setSeatless] = useState(false);
  // A draft of an earlier version (another organizer changed the session since) gives way to the session as it is now.
  useEffect(() => {
    if (draft.version !== session.version) update(asDraft(session, localDateTime));
  }, [draft.version, session, update, localDateTime]);
  const original = asDraft(session, localDateTime);
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        trainingApi.PATCH('/api/v1/sessions/{id}', {
          params: { path: { id: session.id } },
          body: {
            ...(draft.startsAt !== original.startsAt ? { startsAt: withOffset(draft.startsAt) } : {}),
            ...(draft.endsAt !== original.endsAt ? { endsAt: withOffset(draft.endsAt) } : {}),
            seats: Number(draft.seats),
            ...(draft.location ? { location: draft.location } : {}),
          },
        }),
      ),
    onSuccess: async () => {
      clear();
      await queryClient.invalidateQueries({ queryKey: ['sessions'] });
      await queryClient.invalidateQueries({ queryKey: ['enrolments'] });
      onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // A blank seats field is refused here, as when scheduling: sent, it would read as no seats at all.
    const noSeats = String(draft.seats).trim() === '';
    setSeatless(noSeats);
    if (!noSeats) save.mutate();
  };
  const cancel = () => {
    clear();
    onDone();
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('training.editTitle')} data-testid="session-form">
      <Stack gap="xs">
        <ProblemAlert error={save.error} shownFields={FIELDS} />
        <Group grow align="flex-start">
          <TextInput
            type="datetime-local"
            size="xs"
            label={t('training.field.startsAt')}
            value={draft.startsAt}
            readOnly={started}
            description={started ? t('field.sessionStarted') : undefined}
            onChange={(event) => update({ startsAt: event.currentTarget.value })}
            error={fieldError(save.error, 'startsAt')}
          />
          <TextInput type="datetime-local" size="xs" label={t('training.field.endsAt')} value={draft.endsAt} onChange={(event) => update({ endsAt: event.currentTarget.value })} error={fieldError(save.error, 'endsAt')} />
        </Group>
        <Group grow align="flex-start">
          <NumberInput
            size="xs"
            min={0}
            allowDecimal={false}
            label={t('training.field.seats')}
            value={draft.seats}
            onChange={(seats) => {
              setSeatless(false);
              update({ seats });
            }}
            error={(seatless ? t('field.isDefined') : undefined) ?? fieldError(save.error, 'seats')}
          />
          <TextInput size="xs" label={t('training.field.location')} value={draft.location} onChange={(event) => update({ location: event.currentTarget.value })} error={fieldError(save.error, 'location')} />
        </Group>
        <Group gap="xs">
          <Button size="xs" type="submit" loading={save.isPending}>
            {t('save')}
          </Button>
          <Button size="xs" variant="default" onClick={cancel}>
            {t('cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
