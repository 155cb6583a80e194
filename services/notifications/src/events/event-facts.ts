import type { ClassifiedResource } from '@liaison/auth';
import {
  type BriefState,
  CertificateIssuedEvent,
  CertificateRevokedEvent,
  type CertificateState,
  BriefPublishedEvent,
  BriefReclassifiedEvent,
  BriefWithdrawnEvent,
  type CatalogEvent,
  type CoursePublished,
  CoursePublishedEvent,
  type DeskClosed,
  DeskClosedEvent,
  DeskOpenedEvent,
  type DeskState,
  DeskUpdatedEvent,
  DialogueCancelledEvent,
  DialogueHeldEvent,
  DialogueReclassifiedEvent,
  DialogueRescheduledEvent,
  DialogueScheduledEvent,
  type DialogueState,
  EnrolmentCompletedEvent,
  EnrolmentConfirmedEvent,
  type EnrolmentState,
  EnrolmentWaitlistedEvent,
  EnrolmentWithdrawnEvent,
  EVENT_CATALOG,
  InitiativeLaunchedEvent,
  InitiativeReclassifiedEvent,
  type InitiativeState,
  InitiativeUpdatedEvent,
  type LiaisonEvent,
  MilestoneCompletedEvent,
  MilestoneDelayedEvent,
  MilestonePlannedEvent,
  type MilestoneState,
  OfficerJoinedEvent,
  type OfficerLeft,
  OfficerLeftEvent,
  type OfficerState,
  OfficerUpdatedEvent,
  OrganizationRegisteredEvent,
  type OrganizationState,
  OrganizationUpdatedEvent,
  type PayloadOf,
  ProgrammeClosedEvent,
  ProgrammeLaunchedEvent,
  ProgrammeReclassifiedEvent,
  type ProgrammeState,
  ProgrammeUpdatedEvent,
  type Reclassification,
  RECLASSIFICATION_EVENTS,
  type ReclassificationType,
  RecommendationAdoptedEvent,
  type RecommendationState,
  RecommendationStatusChangedEvent,
  SessionCancelledEvent,
  SessionRescheduledEvent,
  SessionScheduledEvent,
  type SessionState,
} from '@liaison/contracts';

/** Stands for "no author": registry events and courses have none; no officer has this id. */
export const NO_AUTHOR = '00000000-0000-0000-0000-000000000000';

/** Values an ICU message of the event may use. */
export type MessageParams = Record<string, string | number>;

/**
 * What notifications needs to know of one event, read from its payload alone (events carry what
 * consumers need): who may see it, what subscriptions match on, whom it concerns directly, where
 * it links to and what its messages say.
 */
export interface EventFacts {
  resource: ClassifiedResource;
  /** whether `resource` is a classified record's (its reach is kept by aggregate id, see record-reach.ts) */
  record: boolean;
  /** the organizations it is about: the origin and those taking part, owning, leading… */
  organizations: string[];
  countries: string[];
  /** the payload's own region, if any; fan-out adds the regions of `organizations` */
  regions: string[];
  themes: string[];
  /** organizations whose officers it concerns directly (the default subscription) */
  concernedOrganizations: string[];
  /** officers it concerns directly (the author is never told of their own event, see fan-out) */
  concernedOfficers: string[];
  /**
   * officers told whatever their subscriptions (an in-app item at least): their own enrolment or
   * certificate changed, or their session was cancelled; each is also among `concernedOfficers`
   */
  addressedOfficers?: string[];
  /**
   * the record whose reach also bounds this one's, as it is now (a milestone's programme, a
   * recommendation's dialogue): see record-reach.ts
   */
  parent?: string;
  /** who made the change, and so is not told of it; default the author (capacity-building names them) */
  changedBy?: string;
  /** a path under the web origin */
  link: string;
  params: MessageParams;
}

type Reader<T> = (data: T, event: LiaisonEvent<T>) => Omit<EventFacts, 'resource' | 'record'>;

const unique = (values: Array<string | undefined | null>): string[] => [...new Set(values.filter((v): v is string => !!v))];

function classified(event: LiaisonEvent<{ originOrganizationId: string; authorId: string; audience?: { organizations: string[]; officers: string[] } }>): ClassifiedResource {
  return {
    // The envelope's classification (validateEnvelope checks it agrees with the payload's).
    classification: event.classification,
    originOrganizationId: event.data.originOrganizationId,
    authorId: event.data.authorId,
    audience: event.data.audience ?? { organizations: [], officers: [] },
  };
}

/** Registry events and courses carry no classified fields: the envelope says it all. */
function fromEnvelope(event: LiaisonEvent, originOrganizationId = event.originorg): ClassifiedResource {
  return { classification: event.classification, originOrganizationId, authorId: NO_AUTHOR, audience: { organizations: [], officers: [] } };
}

const none = { countries: [] as string[], regions: [] as string[], themes: [] as string[] };

const organization: Reader<OrganizationState> = (d) => ({
  ...none,
  organizations: [d.organizationId],
  countries: d.memberStates,
  regions: [d.region],
  concernedOrganizations: [],
  concernedOfficers: [],
  link: `/organizations/${d.organizationId}`,
  params: { name: d.name, acronym: d.acronym, memberCount: d.memberStates.length },
});

const desk: Reader<DeskState> = (d) => ({
  ...none,
  organizations: [d.organizationId],
  countries: d.countries,
  themes: d.themes,
  concernedOrganizations: [],
  concernedOfficers: [],
  link: `/desks/${d.deskId}`,
  params: { name: d.name, countryCount: d.countries.length, countries: d.countries.join(', ') },
});

const deskClosed: Reader<DeskClosed> = (d) => ({
  ...none,
  organizations: [d.organizationId],
  concernedOrganizations: [],
  concernedOfficers: [],
  link: `/desks/${d.deskId}`,
  params: {},
});

const officer: Reader<OfficerState> = (d) => ({
  ...none,
  organizations: [d.organizationId],
  concernedOrganizations: [],
  concernedOfficers: [],
  link: `/officers/${d.officerId}`,
  params: { name: d.name },
});

const officerLeft: Reader<OfficerLeft> = (d) => ({
  ...none,
  organizations: [d.organizationId],
  concernedOrganizations: [],
  concernedOfficers: [],
  link: `/officers/${d.officerId}`,
  params: {},
});

const dialogue: Reader<DialogueState & { previousStartsAt?: string; outcome?: { summary: string; heldOn: string } }> = (d) => ({
  ...none,
  organizations: unique([d.originOrganizationId, ...d.participants]),
  concernedOrganizations: d.participants,
  concernedOfficers: [],
  link: `/dialogues/${d.dialogueId}`,
  params: {
    title: d.title,
    kind: d.kind,
    startsAt: d.startsAt,
    previousStartsAt: d.previousStartsAt ?? d.startsAt,
    location: d.location ?? '',
    participantCount: d.participants.length,
    outcome: d.outcome?.summary.slice(0, 400) ?? '',
  },
});

// A status is moved by an officer of an owner as often as by the author: the one who moved it is
// not told (an adoption names no one: its author recorded it).
const recommendation: Reader<RecommendationState & { previousStatus?: string; changedBy?: string }> = (d) => ({
  ...none,
  parent: d.dialogueId,
  changedBy: d.changedBy,
  organizations: unique([d.originOrganizationId, ...d.owners]),
  concernedOrganizations: d.owners,
  concernedOfficers: [],
  link: `/recommendations/${d.recommendationId}`,
  params: {
    dialogueTitle: d.dialogueTitle,
    text: d.text.slice(0, 400),
    status: d.status,
    previousStatus: d.previousStatus ?? d.status,
    ownerCount: d.owners.length,
    dueOn: d.dueOn ?? '',
  },
});

const brief: Reader<BriefState> = (d) => ({
  organizations: [d.originOrganizationId],
  countries: d.countries,
  regions: d.region ? [d.region] : [],
  themes: d.themes,
  // a brief concerns those it is addressed to (its own organization published it)
  concernedOrganizations: d.classification === 'amber' ? d.audience.organizations : [],
  concernedOfficers: d.classification === 'red' ? d.audience.officers : [],
  link: `/briefs/${d.briefId}`,
  params: { title: d.title, summary: d.summary ?? '', countryCount: d.countries.length, countries: d.countries.join(', ') },
});

const initiative: Reader<InitiativeState> = (d) => ({
  ...none,
  organizations: unique([d.originOrganizationId, d.leadOrganizationId, ...d.supporting]),
  countries: d.countries,
  concernedOrganizations: unique([d.leadOrganizationId, ...d.supporting]),
  concernedOfficers: [],
  link: `/initiatives/${d.initiativeId}`,
  params: { title: d.title, kind: d.kind, status: d.status, supportingCount: d.supporting.length, countries: d.countries.join(', ') },
});

// Followers are told without a subscription of their own; the officer who made the change is not
// (none made a milestone's delay, so the programme's author is told of it too).
const programme: Reader<ProgrammeState & { closedOn?: string }> = (d) => ({
  ...none,
  organizations: unique([d.originOrganizationId, d.partnerOrganizationId]),
  themes: d.focusAreas,
  concernedOrganizations: [d.partnerOrganizationId],
  concernedOfficers: d.followers ?? [],
  changedBy: d.changedBy ?? NO_AUTHOR,
  link: `/programmes/${d.programmeId}`,
  params: { title: d.title, scope: d.scope, focusAreaCount: d.focusAreas.length, closedOn: d.closedOn ?? '' },
});

const milestone: Reader<MilestoneState & { completedOn?: string }> = (d) => ({
  ...none,
  parent: d.programmeId,
  organizations: unique([d.originOrganizationId, d.partnerOrganizationId]),
  concernedOrganizations: [d.partnerOrganizationId],
  concernedOfficers: d.followers ?? [],
  changedBy: d.changedBy ?? NO_AUTHOR,
  link: `/milestones/${d.milestoneId}`,
  params: { title: d.title, programmeTitle: d.programmeTitle, dueOn: d.dueOn, completedOn: d.completedOn ?? '' },
});

/** A reclassification: the record's link, nothing to match on (it makes no inbox items, see fan-out). */
const reclassification =
  <T extends Reclassification>(link: (d: T) => string): Reader<T> =>
  (d) => ({ ...none, organizations: [d.originOrganizationId], concernedOrganizations: [], concernedOfficers: [], link: link(d), params: {} });

const course: Reader<CoursePublished> = (d) => ({
  ...none,
  organizations: [d.originOrganizationId],
  themes: [d.topic],
  concernedOrganizations: [],
  concernedOfficers: [],
  link: `/courses/${d.courseId}`,
  params: { title: d.title, topic: d.topic, languageCount: d.languages.length },
});

const session: Reader<SessionState & { reason?: string; previousStartsAt?: string; enrolledOfficers?: string[] }> = (d) => ({
  ...none,
  organizations: unique([d.originOrganizationId, ...d.organizers]),
  themes: [d.topic],
  concernedOrganizations: d.organizers,
  // a cancellation names the officers whose enrolments it ended
  concernedOfficers: d.enrolledOfficers ?? [],
  addressedOfficers: d.enrolledOfficers ?? [],
  // the organizer who made the change (absent in earlier events: the author)
  changedBy: d.changedBy,
  link: `/sessions/${d.sessionId}`,
  params: {
    courseTitle: d.courseTitle,
    startsAt: d.startsAt,
    previousStartsAt: d.previousStartsAt ?? d.startsAt,
    seats: d.seats,
    online: d.online ? 'yes' : 'no',
    location: d.location ?? '',
    reason: d.reason ?? '',
  },
});

const enrolment: Reader<EnrolmentState & { waitlistPosition?: number; completedOn?: string }> = (d) => ({
  ...none,
  organizations: [d.organizationId],
  concernedOrganizations: [],
  concernedOfficers: [d.officerId],
  addressedOfficers: [d.officerId],
  // each enrolment event's author is whoever made that change (the officer, an admin, an organizer)
  changedBy: d.authorId,
  link: `/enrolments/${d.enrolmentId}`,
  params: { courseTitle: d.courseTitle, startsAt: d.sessionStartsAt, position: d.waitlistPosition ?? 0, completedOn: d.completedOn ?? '' },
});

const certificate: Reader<CertificateState & { reason?: string }> = (d) => ({
  ...none,
  organizations: unique([d.organizationId, ...d.issuers]),
  concernedOrganizations: [],
  concernedOfficers: [d.officerId],
  addressedOfficers: [d.officerId],
  changedBy: d.authorId,
  link: `/certificates/${d.certificateId}`,
  params: { courseTitle: d.courseTitle, issuedOn: d.issuedOn, reason: d.reason ?? '' },
});

/** The catalog's events notifications fans out: every domain event but notifications' own. */
export type NotifiedEvent = Exclude<CatalogEvent, { subject: `liaison.notifications.${string}` }>;
export type NotifiedType = NotifiedEvent['type'];
/** The types that make inbox items (and so have message templates): all but reclassifications. */
export type ItemType = Exclude<NotifiedType, ReclassificationType>;

const RECLASSIFICATION_TYPES: ReadonlySet<string> = new Set(RECLASSIFICATION_EVENTS.map((d) => d.type));

/** Whether an event changes only a record's reach (see RECLASSIFICATION_EVENTS): no items, see fan-out. */
export function isReclassification(type: string): type is ReclassificationType {
  return RECLASSIFICATION_TYPES.has(type);
}

interface FactsEntry<T> {
  reader: Reader<T>;
  /** whether the payload carries the classified fields (origin, author, audience) */
  classified: boolean;
  /** the origin organization, where the envelope's `originorg` is not it */
  origin?: (data: T) => string;
}

/**
 * Per catalog type (a mapped type over the catalog: a renamed, added or removed event fails the
 * type-check here); notifications' own events are not notified about. Registry events concern
 * no one directly (an organization's own admins made the change): they reach those who
 * subscribed to them by type, organization, country or region.
 */
const READERS: { readonly [K in NotifiedType]: FactsEntry<PayloadOf<K>> } = {
  [OrganizationRegisteredEvent.type]: { reader: organization, classified: false },
  [OrganizationUpdatedEvent.type]: { reader: organization, classified: false },
  [DeskOpenedEvent.type]: { reader: desk, classified: false },
  [DeskUpdatedEvent.type]: { reader: desk, classified: false },
  [DeskClosedEvent.type]: { reader: deskClosed, classified: false },
  [OfficerJoinedEvent.type]: { reader: officer, classified: false },
  [OfficerUpdatedEvent.type]: { reader: officer, classified: false },
  [OfficerLeftEvent.type]: { reader: officerLeft, classified: false },
  [DialogueScheduledEvent.type]: { reader: dialogue, classified: true },
  [DialogueRescheduledEvent.type]: { reader: dialogue, classified: true },
  [DialogueHeldEvent.type]: { reader: dialogue, classified: true },
  [DialogueCancelledEvent.type]: { reader: dialogue, classified: true },
  [DialogueReclassifiedEvent.type]: { reader: reclassification((d) => `/dialogues/${d.dialogueId}`), classified: true },
  [RecommendationAdoptedEvent.type]: { reader: recommendation, classified: true },
  [RecommendationStatusChangedEvent.type]: { reader: recommendation, classified: true },
  [BriefPublishedEvent.type]: { reader: brief, classified: true },
  [BriefWithdrawnEvent.type]: { reader: brief, classified: true },
  [BriefReclassifiedEvent.type]: { reader: reclassification((d) => `/briefs/${d.briefId}`), classified: true },
  [InitiativeLaunchedEvent.type]: { reader: initiative, classified: true },
  [InitiativeUpdatedEvent.type]: { reader: initiative, classified: true },
  [InitiativeReclassifiedEvent.type]: { reader: reclassification((d) => `/initiatives/${d.initiativeId}`), classified: true },
  [ProgrammeLaunchedEvent.type]: { reader: programme, classified: true },
  [ProgrammeUpdatedEvent.type]: { reader: programme, classified: true },
  [ProgrammeClosedEvent.type]: { reader: programme, classified: true },
  [ProgrammeReclassifiedEvent.type]: { reader: reclassification((d) => `/programmes/${d.programmeId}`), classified: true },
  [MilestonePlannedEvent.type]: { reader: milestone, classified: true },
  [MilestoneCompletedEvent.type]: { reader: milestone, classified: true },
  [MilestoneDelayedEvent.type]: { reader: milestone, classified: true },
  [CoursePublishedEvent.type]: { reader: course, classified: false, origin: (d) => d.originOrganizationId },
  [SessionScheduledEvent.type]: { reader: session, classified: true },
  [SessionRescheduledEvent.type]: { reader: session, classified: true },
  [SessionCancelledEvent.type]: { reader: session, classified: true },
  [EnrolmentConfirmedEvent.type]: { reader: enrolment, classified: true },
  [EnrolmentWaitlistedEvent.type]: { reader: enrolment, classified: true },
  [EnrolmentWithdrawnEvent.type]: { reader: enrolment, classified: true },
  [EnrolmentCompletedEvent.type]: { reader: enrolment, classified: true },
  [CertificateIssuedEvent.type]: { reader: certificate, classified: true },
  [CertificateRevokedEvent.type]: { reader: certificate, classified: true },
};

/** The entry of a type, if it is one notifications reads (looked up by a type from the wire). */
function entryOf(type: string): FactsEntry<any> | undefined {
  return Object.hasOwn(READERS, type) ? (READERS as Record<string, FactsEntry<any>>)[type] : undefined;
}

/** The events notifications fans out: every domain event of the catalog but its own. */
export const NOTIFIED_EVENTS: readonly NotifiedEvent[] = EVENT_CATALOG.filter((d): d is NotifiedEvent => d.service !== 'notifications');
export const NOTIFIED_SUBJECTS: string[] = NOTIFIED_EVENTS.map((d) => d.subject);
export const NOTIFIED_TYPES: readonly NotifiedType[] = NOTIFIED_EVENTS.map((d) => d.type);
export const ITEM_TYPES: readonly ItemType[] = NOTIFIED_TYPES.filter((type): type is ItemType => !isReclassification(type));
/**
 * The types an inbox item can have: every item type but brief.withdrawn, whose fan-out takes its
 * brief's items away instead of adding one (retraction.ts). The OpenAPI document declares them, so
 * a generated client (the console's inbox filter and subscriptions) follows the catalog.
 */
export const INBOX_ITEM_TYPES: readonly ItemType[] = ITEM_TYPES.filter((type) => type !== BriefWithdrawnEvent.type);

/** Fails at boot if a domain event of the catalog has no reader here. */
export function assertEveryEventIsRead(): void {
  const missing = NOTIFIED_TYPES.filter((type) => !entryOf(type));
  if (missing.length > 0) throw new Error(`notifications: no event facts for ${missing.join(', ')}`);
}

export function factsOf(event: LiaisonEvent): EventFacts {
  const entry = entryOf(event.type);
  if (!entry) throw new Error(`notifications: no event facts for ${event.type}`);
  const facts = entry.reader(event.data, event);
  const resource = entry.classified
    ? classified(event as LiaisonEvent<any>)
    : fromEnvelope(event, entry.origin ? entry.origin(event.data) : event.originorg);
  return { ...facts, resource, record: entry.classified };
}
