import { notificationViewTypeValues, type components } from '../api/generated/notifications';

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
  certificate: ['enrolments'],
  organization: ['organizations', 'organization'],
  desk: ['desks'],
  officer: ['officers', 'officer'],
};

/** The queries showing a kind of record (`brief`), as the live feed's `record-changed` names it. */
export const queriesShowingKind = (kind: string): string[] => (Object.hasOwn(SHOWN_BY, kind) ? SHOWN_BY[kind] : []);

export const queriesShowing = (type: string): string[] => queriesShowingKind(kindOf(type));

/** Every query that shows a record, read again when the live feed reconnects (what changed meanwhile is not replayed). */
export const QUERIES_SHOWING_RECORDS: string[] = [...new Set(Object.values(SHOWN_BY).flat())];

/**
 * The event types that make inbox items, as the notifications service declares them for an item's
 * `type` (every domain event but reclassifications and brief.withdrawn): regenerating the client
 * brings a new one. A subscription to a kind of record names these.
 */
export const ITEM_TYPES: readonly EventType[] = notificationViewTypeValues;

/** The kinds of record an inbox item can be about, as the inbox filter and a subscription offer them. */
export const ITEM_KINDS: string[] = [...new Set(ITEM_TYPES.map(kindOf))];
