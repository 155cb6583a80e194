import type { components } from '../api/generated/notifications';

type EventType = NonNullable<components['schemas']['SubscriptionFiltersDto']['eventTypes']>[number];

/** `liaison.brief.published.v1` → `brief` (the kind of record an item is about). */
export const kindOf = (type: string) => type.split('.')[1] ?? 'other';

/**
 * The cached queries (by their first key) that show each kind of record: an item the live feed
 * brings about one says it changed, so they are fetched again where they are on screen.
 */
const SHOWN_BY: Record<string, string[]> = {
  brief: ['brief', 'briefs'],
  dialogue: ['dialogue', 'dialogues'],
  recommendation: ['recommendation', 'recommendations'],
  initiative: ['initiatives'],
  programme: ['programmes', 'milestones'],
  milestone: ['milestones', 'programmes'],
  course: ['courses'],
  session: ['sessions', 'enrolments'],
  enrolment: ['enrolments', 'sessions'],
  organization: ['organizations', 'organization'],
  desk: ['desks'],
  officer: ['officers', 'officer'],
};

/** The queries showing a kind of record (`brief`), as the live feed's `record-changed` names it. */
export const queriesShowingKind = (kind: string): string[] => (Object.hasOwn(SHOWN_BY, kind) ? SHOWN_BY[kind] : []);

export const queriesShowing = (type: string): string[] => queriesShowingKind(kindOf(type));

/**
 * The event types that make inbox items: notifications' ITEM_TYPES (every domain event but
 * reclassifications, services/notifications/src/events/event-facts.ts), less brief.withdrawn,
 * whose fan-out takes its brief's items away instead (fan-out/retraction.ts). A subscription to
 * a kind of record names these; keep them in step with the service.
 */
export const ITEM_TYPES: EventType[] = [
  'liaison.brief.published.v1',
  'liaison.dialogue.scheduled.v1', 'liaison.dialogue.rescheduled.v1', 'liaison.dialogue.held.v1', 'liaison.dialogue.cancelled.v1',
  'liaison.recommendation.adopted.v1', 'liaison.recommendation.status-changed.v1',
  'liaison.initiative.launched.v1', 'liaison.initiative.updated.v1',
  'liaison.programme.launched.v1', 'liaison.programme.updated.v1', 'liaison.programme.closed.v1',
  'liaison.milestone.planned.v1', 'liaison.milestone.completed.v1', 'liaison.milestone.delayed.v1',
  'liaison.course.published.v1',
  'liaison.session.scheduled.v1', 'liaison.session.rescheduled.v1', 'liaison.session.cancelled.v1',
  'liaison.enrolment.confirmed.v1', 'liaison.enrolment.waitlisted.v1', 'liaison.enrolment.withdrawn.v1', 'liaison.enrolment.completed.v1',
  'liaison.certificate.issued.v1', 'liaison.certificate.revoked.v1',
  'liaison.organization.registered.v1', 'liaison.organization.updated.v1',
  'liaison.desk.opened.v1', 'liaison.desk.updated.v1', 'liaison.desk.closed.v1',
  'liaison.officer.joined.v1', 'liaison.officer.updated.v1', 'liaison.officer.left.v1',
];

/** The kinds of record an inbox item can be about, as the inbox filter and a subscription offer them. */
export const ITEM_KINDS: string[] = [...new Set(ITEM_TYPES.map(kindOf))];
