import { useReached } from '../common/useReached';
import { useT } from '../i18n/LocaleProvider';
import type { MessageId } from '../i18n/messages/en';
import type { EnrolmentView } from './views';

/** What an enrolment's status reads as, but waitlisted (whose line may have stopped moving): every status has its message. */
const STATUS: Record<Exclude<EnrolmentView['status'], 'waitlisted'>, MessageId> = {
  confirmed: 'training.status.confirmed',
  completed: 'training.status.completed',
  withdrawn: 'training.status.withdrawn',
  cancelled: 'training.status.cancelled',
};

/**
 * An enrolment's status in words, for its officer and for the session's organizers alike. A place
 * in a line that no longer moves is no place: once the session has started, a waitlisted officer was not seated.
 */
export function useEnrolmentStatus(): (enrolment: EnrolmentView, moment: { started: boolean; over: boolean }) => string {
  const t = useT();
  return (enrolment, { started, over }) => {
    if (enrolment.status !== 'waitlisted') return t(STATUS[enrolment.status]);
    if (over) return t('training.notSeated.over');
    if (started) return t('training.notSeated.started');
    return t('training.waitlisted', { position: enrolment.waitlistPosition ?? 0 });
  };
}

/**
 * Where a session stands: whether it has started and whether it is over, each turning true at its
 * instant while the screen stays open (a roster left open across the start then offers attendance).
 */
export function useSessionMoment(session: { startsAt: string; endsAt: string }): { started: boolean; over: boolean } {
  return { started: useReached(session.startsAt), over: useReached(session.endsAt) };
}
