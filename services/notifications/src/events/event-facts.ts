import type { ClassifiedResource } from '@liaison/auth';
import {
  type BriefState,
  type CertificateState,
  type CoursePublished,
  type DeskClosed,
  type DeskState,
  type DialogueState,
  EVENT_CATALOG,
  type EnrolmentState,
  type EventDefinition,
  type InitiativeState,
  type LiaisonEvent,
  type MilestoneState,
  type OfficerLeft,
  type OfficerState,
  type OrganizationState,
  type ProgrammeState,
  type RecommendationState,
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
  /** a path under the web origin */
  link: string;
  params: MessageParams;
}

type Reader<T> = (data: T, event: LiaisonEvent<T>) => Omit<EventFacts, 'resource'>;

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

const recommendation: Reader<RecommendationState & { previousStatus?: string }> = (d) => ({
  ...none,
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

const programme: Reader<ProgrammeState & { closedOn?: string }> = (d) => ({
  ...none,
  organizations: unique([d.originOrganizationId, d.partnerOrganizationId]),
  themes: d.focusAreas,
  concernedOrganizations: [d.partnerOrganizationId],
  concernedOfficers: [],
  link: `/programmes/${d.programmeId}`,
  params: { title: d.title, scope: d.scope, focusAreaCount: d.focusAreas.length, closedOn: d.closedOn ?? '' },
});

const milestone: Reader<MilestoneState & { completedOn?: string }> = (d) => ({
  ...none,
  organizations: unique([d.originOrganizationId, d.partnerOrganizationId]),
  concernedOrganizations: [d.partnerOrganizationId],
  concernedOfficers: [],
  link: `/milestones/${d.milestoneId}`,
  params: { title: d.title, programmeTitle: d.programmeTitle, dueOn: d.dueOn, completedOn: d.completedOn ?? '' },
});

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
  link: `/enrolments/${d.enrolmentId}`,
  params: { courseTitle: d.courseTitle, startsAt: d.sessionStartsAt, position: d.waitlistPosition ?? 0, completedOn: d.completedOn ?? '' },
});

const certificate: Reader<CertificateState & { reason?: string }> = (d) => ({
  ...none,
  organizations: unique([d.organizationId, ...d.issuers]),
  concernedOrganizations: [],
  concernedOfficers: [d.officerId],
  addressedOfficers: [d.officerId],
  link: `/certificates/${d.certificateId}`,
  params: { courseTitle: d.courseTitle, issuedOn: d.issuedOn, reason: d.reason ?? '' },
});

/**
 * Per CloudEvents type; notifications' own events are not notified about. Registry events concern
 * no one directly (an organization's own admins made the change): they reach those who
 * subscribed to them by type, organization, country or region.
 */
const READERS: Record<string, { reader: Reader<any>; classified: boolean; origin?: (data: any) => string }> = {
  'liaison.organization.registered.v1': { reader: organization, classified: false },
  'liaison.organization.updated.v1': { reader: organization, classified: false },
  'liaison.desk.opened.v1': { reader: desk, classified: false },
  'liaison.desk.updated.v1': { reader: desk, classified: false },
  'liaison.desk.closed.v1': { reader: deskClosed, classified: false },
  'liaison.officer.joined.v1': { reader: officer, classified: false },
  'liaison.officer.updated.v1': { reader: officer, classified: false },
  'liaison.officer.left.v1': { reader: officerLeft, classified: false },
  'liaison.dialogue.scheduled.v1': { reader: dialogue, classified: true },
  'liaison.dialogue.rescheduled.v1': { reader: dialogue, classified: true },
  'liaison.dialogue.held.v1': { reader: dialogue, classified: true },
  'liaison.dialogue.cancelled.v1': { reader: dialogue, classified: true },
  'liaison.recommendation.adopted.v1': { reader: recommendation, classified: true },
  'liaison.recommendation.status-changed.v1': { reader: recommendation, classified: true },
  'liaison.brief.published.v1': { reader: brief, classified: true },
  'liaison.brief.withdrawn.v1': { reader: brief, classified: true },
  'liaison.initiative.launched.v1': { reader: initiative, classified: true },
  'liaison.initiative.updated.v1': { reader: initiative, classified: true },
  'liaison.programme.launched.v1': { reader: programme, classified: true },
  'liaison.programme.updated.v1': { reader: programme, classified: true },
  'liaison.programme.closed.v1': { reader: programme, classified: true },
  'liaison.milestone.planned.v1': { reader: milestone, classified: true },
  'liaison.milestone.completed.v1': { reader: milestone, classified: true },
  'liaison.milestone.delayed.v1': { reader: milestone, classified: true },
  'liaison.course.published.v1': { reader: course, classified: false, origin: (d: CoursePublished) => d.originOrganizationId },
  'liaison.session.scheduled.v1': { reader: session, classified: true },
  'liaison.session.rescheduled.v1': { reader: session, classified: true },
  'liaison.session.cancelled.v1': { reader: session, classified: true },
  'liaison.enrolment.confirmed.v1': { reader: enrolment, classified: true },
  'liaison.enrolment.waitlisted.v1': { reader: enrolment, classified: true },
  'liaison.enrolment.withdrawn.v1': { reader: enrolment, classified: true },
  'liaison.enrolment.completed.v1': { reader: enrolment, classified: true },
  'liaison.certificate.issued.v1': { reader: certificate, classified: true },
  'liaison.certificate.revoked.v1': { reader: certificate, classified: true },
};

/** The events notifications fans out: every domain event of the catalog but its own. */
export const NOTIFIED_EVENTS: readonly EventDefinition[] = EVENT_CATALOG.filter((d) => d.service !== 'notifications');
export const NOTIFIED_SUBJECTS: string[] = NOTIFIED_EVENTS.map((d) => d.subject);
export const NOTIFIED_TYPES: string[] = NOTIFIED_EVENTS.map((d) => d.type);

/** Fails at boot if a domain event of the catalog has no reader here. */
export function assertEveryEventIsRead(): void {
  const missing = NOTIFIED_TYPES.filter((type) => !READERS[type]);
  if (missing.length > 0) throw new Error(`notifications: no event facts for ${missing.join(', ')}`);
}

export function factsOf(event: LiaisonEvent): EventFacts {
  const entry = READERS[event.type];
  if (!entry) throw new Error(`notifications: no event facts for ${event.type}`);
  const facts = entry.reader(event.data, event);
  const resource = entry.classified
    ? classified(event as LiaisonEvent<any>)
    : fromEnvelope(event, entry.origin ? entry.origin(event.data) : event.originorg);
  return { ...facts, resource };
}
