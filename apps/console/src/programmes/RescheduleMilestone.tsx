import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Group, TextInput } from '@mantine/core';
import { capacityBuildingApi, unwrap } from '../api/client';
import { ProblemAlert, fieldError } from '../common/ProblemAlert';
import { useT } from '../i18n/LocaleProvider';

/** A milestone not yet reached gets a new due date (PATCH /milestones/{id}); a delayed one due again later is planned again. */
export function RescheduleMilestone({ milestone }: { milestone: { id: string; title: string; dueOn: string } }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [dueOn, setDueOn] = useState(milestone.dueOn);
  const save = useMutation({
    mutationFn: () => unwrap(capacityBuildingApi.PATCH('/api/v1/milestones/{id}', { params: { path: { id: milestone.id } }, body: { dueOn } })),
    onSuccess: async () => {
      setOpen(false);
      await queryClient.invalidateQueries({ queryKey: ['milestones'] });
      await queryClient.invalidateQueries({ queryKey: ['programmes'] });
    },
  });
  if (!open) {
    return (
      <Button size="xs" variant="default" onClick={() => setOpen(true)} aria-label={t('programme.rescheduleNamed', { title: milestone.title })}>
        {t('programme.reschedule')}
      </Button>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <TextInput size="xs" type="date" label={t('programme.newDueOn')} value={dueOn} onChange={(event) => setDueOn(event.currentTarget.value)} error={fieldError(save.error, 'dueOn')} />
        <Button size="xs" type="submit" mt={22} loading={save.isPending}>
          {t('save')}
        </Button>
        <Button size="xs" variant="default" mt={22} onClick={() => setOpen(false)}>
          {t('cancel')}
        </Button>
      </Group>
      <ProblemAlert error={save.error} shownFields={['dueOn']} />
    </form>
  );
}
