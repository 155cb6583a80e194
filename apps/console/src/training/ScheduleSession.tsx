import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, Group, MultiSelect, NumberInput, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { trainingApi, unwrap } from '../api/client';
import type { Classification } from '../api/views';
import { useSession } from '../auth/SessionProvider';
import { ProblemAlert, fieldError } from '../common/ProblemAlert';
import { TlpLabel } from '../common/TlpLabel';
import { useOrganizations } from '../common/registry';
import { useDateTime } from '../common/timeZone';
import { useDraft } from '../common/useDraft';
import { useT } from '../i18n/LocaleProvider';
import type { MessageId } from '../i18n/messages/en';
import type { CourseView } from './views';

/** The fields the form shows, each with its errors (the course is chosen before; co-organizers only outside an internal session). */
const fieldsShown = (audience: AudienceChoice) => ['startsAt', 'endsAt', 'seats', 'location', 'online', 'audience', ...(audience === 'own' ? [] : ['organizers'])];

/** Who may enrol, and the level the service gives the session for it. */
const AUDIENCES = { everyone: 'green', named: 'amber', own: 'amber-strict' } as const satisfies Record<string, Classification>;
type AudienceChoice = keyof typeof AUDIENCES;

interface SessionDraft {
  startsAt: string;
  endsAt: string;
  seats: number | string;
  location: string;
  online: boolean;
  coOrganizers: string[];
  audience: AudienceChoice;
  eligible: string[];
}

/**
 * An officer schedules a session of a course (POST /sessions): their organization always
 * organizes it, with the co-organizers they name; who may enrol is every partner (green), named
 * organizations (amber) or their own organization alone (an internal course, amber+strict).
 */
export function ScheduleSession({ course, onDone }: { course: CourseView; onDone: () => void }) {
  const t = useT();
  const { withOffset } = useDateTime();
  const { session } = useSession();
  const own = session?.organizationId ?? '';
  const organizations = useOrganizations();
  const queryClient = useQueryClient();
  const [unnamed, setUnnamed] = useState(false);
  const [seatless, setSeatless] = useState(false);
  const [draft, update, clear, requestKey] = useDraft<SessionDraft>(`new-session-${course.id}`, {
    startsAt: '',
    endsAt: '',
    seats: 20,
    location: '',
    online: false,
    coOrganizers: [],
    audience: 'everyone',
    eligible: [],
  });
  const others = (organizations.data ?? [])
    .filter((organization) => organization.id !== own)
    .map((organization) => ({ value: organization.id, label: `${organization.acronym} — ${organization.name}` }));
  const schedule = useMutation({
    mutationFn: () =>
      unwrap(
        trainingApi.POST('/api/v1/sessions', {
          body: {
            courseId: course.id,
            startsAt: withOffset(draft.startsAt),
            endsAt: withOffset(draft.endsAt),
            seats: Number(draft.seats),
            organizers: draft.audience === 'own' ? [own] : [own, ...draft.coOrganizers],
            audience: { organizations: draft.audience === 'named' ? draft.eligible : draft.audience === 'own' ? [own] : [] },
            ...(draft.location ? { location: draft.location } : {}),
            online: draft.online,
          },
          headers: { 'Idempotency-Key': requestKey },
        }),
      ),
    onSuccess: async () => {
      clear();
      await queryClient.invalidateQueries({ queryKey: ['sessions'] });
      onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Named organizations with none named would open the session to every partner: refused here, at the list.
    const missing = draft.audience === 'named' && draft.eligible.length === 0;
    // The API has no default for seats: a blank field is refused here, not sent as none.
    const noSeats = String(draft.seats).trim() === '';
    setUnnamed(missing);
    setSeatless(noSeats);
    if (!missing && !noSeats) schedule.mutate();
  };
  const cancel = () => {
    clear();
    onDone();
  };
  const error = schedule.error;
  // an error naming the organizations shows at their list while it is shown, not again at the choice above it
  const audienceError = draft.audience === 'named' && fieldError(error, 'audience.organizations') ? undefined : fieldError(error, 'audience');
  const titleId = `schedule-${course.id}`;
  return (
    <form onSubmit={submit} noValidate aria-labelledby={titleId} data-testid="new-session-form">
      <Stack gap="xs">
        <Title order={3} size="h5" id={titleId}>
          {t('training.schedule')}
        </Title>
        <ProblemAlert error={error} shownFields={fieldsShown(draft.audience)} />
        <Group grow align="flex-start">
          <TextInput type="datetime-local" size="xs" required label={t('training.field.startsAt')} value={draft.startsAt} onChange={(event) => update({ startsAt: event.currentTarget.value })} error={fieldError(error, 'startsAt')} />
          <TextInput type="datetime-local" size="xs" required label={t('training.field.endsAt')} value={draft.endsAt} onChange={(event) => update({ endsAt: event.currentTarget.value })} error={fieldError(error, 'endsAt')} />
        </Group>
        <Group grow align="flex-start">
          <NumberInput
            size="xs"
            required
            allowDecimal={false}
            label={t('training.field.seats')}
            value={draft.seats}
            onChange={(seats) => {
              setSeatless(false);
              update({ seats });
            }}
            error={(seatless ? t('field.isDefined') : undefined) ?? fieldError(error, 'seats')}
          />
          <TextInput size="xs" label={t('training.field.location')} value={draft.location} onChange={(event) => update({ location: event.currentTarget.value })} error={fieldError(error, 'location')} />
        </Group>
        <Checkbox size="xs" label={t('training.field.online')} checked={draft.online} onChange={(event) => update({ online: event.currentTarget.checked })} error={fieldError(error, 'online')} />
        <Radio.Group label={t('training.field.audience')} value={draft.audience} onChange={(audience) => update({ audience: audience as AudienceChoice })} error={audienceError}>
          <Stack gap="xs" mt="xs">
            {(Object.keys(AUDIENCES) as AudienceChoice[]).map((choice) => (
              <Radio
                key={choice}
                value={choice}
                data-testid={`audience-${choice}`}
                label={
                  <span>
                    <TlpLabel classification={AUDIENCES[choice]} />{' '}
                    <Text span size="sm">
                      {t(`training.audience.${choice}` as MessageId)}
                    </Text>
                  </span>
                }
                description={t(`training.audience.${choice}Help` as MessageId)}
              />
            ))}
          </Stack>
        </Radio.Group>
        {draft.audience === 'named' && (
          <MultiSelect
            size="xs"
            searchable
            label={t('training.field.eligible')}
            data={others}
            value={draft.eligible}
            onChange={(eligible) => {
              setUnnamed(false);
              update({ eligible });
            }}
            error={(unnamed ? t('training.audience.namedRequired') : undefined) ?? fieldError(error, 'audience.organizations')}
          />
        )}
        {draft.audience !== 'own' && (
          <MultiSelect
            size="xs"
            searchable
            label={t('training.field.organizers')}
            description={t('training.field.organizersHelp')}
            data={others}
            value={draft.coOrganizers}
            onChange={(coOrganizers) => update({ coOrganizers })}
            error={fieldError(error, 'organizers')}
          />
        )}
        <Group gap="xs">
          <Button size="xs" type="submit" loading={schedule.isPending}>
            {t('training.scheduleButton')}
          </Button>
          <Button size="xs" variant="default" onClick={cancel}>
            {t('cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
