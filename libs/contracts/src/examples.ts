import { definitionByType, type EventType, type PayloadOf } from './catalog';
import type { Audience, Classification, LiaisonEvent } from './envelope';

/**
 * One valid payload per event type. They appear as examples in the AsyncAPI document, the tests
 * check each against its class, and other services' tests may start from them. The record type
 * makes a new catalog entry without an example a compile error.
 */
const ids = {
  un: '0190a0a0-0000-7000-8000-000000000001',
  au: '0190a0a0-0000-7000-8000-000000000002',
  eu: '0190a0a0-0000-7000-8000-000000000003',
  desk: '0190a0a0-0000-7000-8000-000000000010',
  officer: '0190a0a0-0000-7000-8000-000000000020',
  colleague: '0190a0a0-0000-7000-8000-000000000021',
  dialogue: '0190a0a0-0000-7000-8000-000000000030',
  recommendation: '0190a0a0-0000-7000-8000-000000000031',
  brief: '0190a0a0-0000-7000-8000-000000000032',
  initiative: '0190a0a0-0000-7000-8000-000000000033',
  programme: '0190a0a0-0000-7000-8000-000000000040',
  milestone: '0190a0a0-0000-7000-8000-000000000041',
  course: '0190a0a0-0000-7000-8000-000000000050',
  session: '0190a0a0-0000-7000-8000-000000000051',
  enrolment: '0190a0a0-0000-7000-8000-000000000052',
  certificate: '0190a0a0-0000-7000-8000-000000000053',
  notification: '0190a0a0-0000-7000-8000-000000000060',
  delivery: '0190a0a0-0000-7000-8000-000000000061',
  webhook: '0190a0a0-0000-7000-8000-000000000062',
  event: '0190a0a0-0000-7000-8000-000000000070',
};

const amber = (organizations: string[]): { classification: 'amber'; audience: Audience } => ({
  classification: 'amber',
  audience: { organizations, officers: [] },
});
const fromUn = { originOrganizationId: ids.un, authorId: ids.officer };

const organization = {
  organizationId: ids.au,
  acronym: 'AU',
  name: 'African Union',
  kind: 'regional' as const,
  region: 'africa' as const,
  memberStates: ['DZ', 'ML', 'SD', 'ZA'],
  chapterVIII: true,
  website: 'https://au.int',
};
const desk = { deskId: ids.desk, organizationId: ids.un, name: 'Sahel desk', countries: ['ML', 'NE', 'BF'], themes: ['mediation' as const] };
const officer = {
  officerId: ids.officer,
  organizationId: ids.un,
  deskId: ids.desk,
  email: 'amina.diallo@un.example.org',
  name: 'Amina Diallo',
  language: 'fr' as const,
  roles: ['officer' as const],
};
const dialogue = {
  ...amber([ids.au]),
  ...fromUn,
  dialogueId: ids.dialogue,
  kind: 'desk-to-desk' as const,
  title: 'UN–AU desk-to-desk dialogue on the Sahel',
  participants: [ids.un, ids.au],
  startsAt: '2026-11-03T09:00:00+03:00',
  endsAt: '2026-11-03T17:00:00+03:00',
  location: 'Addis Ababa',
  agenda: ['Electoral calendar', 'Mediation support'],
};
const recommendation = {
  ...amber([ids.au]),
  ...fromUn,
  recommendationId: ids.recommendation,
  dialogueId: ids.dialogue,
  dialogueTitle: dialogue.title,
  text: 'Hold a joint horizon-scanning session before the elections.',
  owners: [ids.un, ids.au],
  dueOn: '2027-01-31',
};
const brief = {
  ...amber([ids.au]),
  ...fromUn,
  briefId: ids.brief,
  title: 'Mali: transition timetable',
  summary: 'The transitional authorities announced a new electoral calendar.',
  language: 'fr' as const,
  countries: ['ML'],
  region: 'africa' as const,
  themes: ['electoral-assistance' as const, 'conflict-prevention' as const],
  deskId: ids.desk,
  dialogueId: ids.dialogue,
  publishedAt: '2026-11-04T08:30:00Z',
};
const initiative = {
  classification: 'green' as const,
  audience: { organizations: [], officers: [] },
  ...fromUn,
  initiativeId: ids.initiative,
  title: 'Joint good offices in the Sahel',
  leadOrganizationId: ids.au,
  supporting: [ids.un],
  countries: ['ML', 'NE'],
  kind: 'mediation' as const,
  status: 'active' as const,
};
const programme = {
  ...amber([ids.eu]),
  ...fromUn,
  programmeId: ids.programme,
  title: 'Mediation support to the EU EEAS',
  partnerOrganizationId: ids.eu,
  scope: 'mediation' as const,
  focusAreas: ['mediation' as const, 'policy-organs-support' as const],
  startsOn: '2026-01-01',
  endsOn: '2027-12-31',
};
const milestone = {
  ...amber([ids.eu]),
  ...fromUn,
  milestoneId: ids.milestone,
  programmeId: ids.programme,
  programmeTitle: programme.title,
  partnerOrganizationId: ids.eu,
  title: 'Mediation roster reviewed',
  dueOn: '2026-12-15',
};
const session = {
  classification: 'green' as const,
  audience: { organizations: [], officers: [] },
  ...fromUn,
  sessionId: ids.session,
  courseId: ids.course,
  courseTitle: 'Mediation process design',
  topic: 'mediation' as const,
  startsAt: '2027-02-01T09:00:00+01:00',
  endsAt: '2027-02-03T17:00:00+01:00',
  seats: 24,
  organizers: [ids.un, ids.eu],
  location: 'Brussels',
  online: false,
};
const enrolment = {
  classification: 'red' as const,
  audience: { organizations: [], officers: [ids.colleague] },
  originOrganizationId: ids.un,
  authorId: ids.colleague,
  enrolmentId: ids.enrolment,
  sessionId: ids.session,
  courseId: ids.course,
  courseTitle: session.courseTitle,
  sessionStartsAt: session.startsAt,
  officerId: ids.colleague,
  organizationId: ids.un,
};

const certificate = {
  ...enrolment,
  certificateId: ids.certificate,
  issuers: session.organizers,
  issuedOn: '2027-02-03',
};
/** A reclassification's fields of a record: its reach as it is now, who changed it and when. */
function reach(record: { classification: Classification; audience: { organizations: string[]; officers: string[] }; originOrganizationId: string; authorId: string }) {
  const { classification, audience, originOrganizationId, authorId } = record;
  return { classification, audience, originOrganizationId, authorId, reclassifiedBy: authorId, reclassifiedAt: '2026-11-06T08:00:00Z' };
}

export const EXAMPLE_DATA: { [K in EventType]: PayloadOf<K> } = {
  'liaison.organization.registered.v1': organization,
  'liaison.organization.updated.v1': { ...organization, website: 'https://www.au.int' },
  'liaison.desk.opened.v1': desk,
  'liaison.desk.updated.v1': { ...desk, countries: [...desk.countries, 'TD'] },
  'liaison.desk.closed.v1': { deskId: ids.desk, organizationId: ids.un },
  'liaison.officer.joined.v1': officer,
  'liaison.officer.updated.v1': { ...officer, language: 'en' },
  'liaison.officer.left.v1': { officerId: ids.officer, organizationId: ids.un },
  'liaison.dialogue.scheduled.v1': dialogue,
  'liaison.dialogue.rescheduled.v1': { ...dialogue, startsAt: '2026-11-10T09:00:00+03:00', endsAt: '2026-11-10T17:00:00+03:00', previousStartsAt: dialogue.startsAt },
  'liaison.dialogue.held.v1': { ...dialogue, outcome: { summary: 'Agreed on three joint steps.', heldOn: '2026-11-03' } },
  'liaison.dialogue.cancelled.v1': { ...dialogue, cancelledBy: ids.officer },
  'liaison.dialogue.reclassified.v1': { ...reach(dialogue), dialogueId: dialogue.dialogueId, previousClassification: 'green' },
  'liaison.recommendation.adopted.v1': { ...recommendation, status: 'agreed' },
  'liaison.recommendation.status-changed.v1': {
    ...recommendation,
    status: 'in-progress',
    previousStatus: 'agreed',
    note: 'First session planned for December.',
    changedBy: ids.officer,
    changedAt: '2026-11-20T10:00:00Z',
  },
  'liaison.brief.published.v1': brief,
  'liaison.brief.withdrawn.v1': { ...brief, withdrawnBy: ids.officer, withdrawnAt: '2026-11-05T12:00:00Z' },
  'liaison.brief.reclassified.v1': { ...reach(brief), classification: 'amber-strict', audience: { organizations: [], officers: [] }, briefId: brief.briefId, previousClassification: brief.classification },
  'liaison.initiative.launched.v1': initiative,
  'liaison.initiative.updated.v1': { ...initiative, supporting: [ids.un, ids.eu] },
  'liaison.initiative.reclassified.v1': { ...reach(initiative), initiativeId: ids.initiative, previousClassification: 'amber' },
  'liaison.programme.launched.v1': programme,
  'liaison.programme.updated.v1': { ...programme, endsOn: '2028-06-30' },
  'liaison.programme.closed.v1': { ...programme, closedOn: '2027-12-31' },
  'liaison.programme.reclassified.v1': { ...reach(programme), programmeId: ids.programme, previousClassification: 'green' },
  'liaison.milestone.planned.v1': milestone,
  'liaison.milestone.completed.v1': { ...milestone, completedOn: '2026-12-10', note: 'Roster of 40 mediators.' },
  'liaison.milestone.delayed.v1': milestone,
  'liaison.course.published.v1': {
    courseId: ids.course,
    originOrganizationId: ids.un,
    title: 'Mediation process design',
    topic: 'mediation',
    description: 'Three days on designing inclusive mediation processes.',
    languages: ['en', 'fr'],
  },
  'liaison.session.scheduled.v1': session,
  'liaison.session.rescheduled.v1': { ...session, startsAt: '2027-02-08T09:00:00+01:00', endsAt: '2027-02-10T17:00:00+01:00', seats: 30, previousStartsAt: session.startsAt },
  'liaison.session.cancelled.v1': { ...session, reason: 'Venue unavailable.', enrolledOfficers: [ids.colleague] },
  'liaison.enrolment.confirmed.v1': enrolment,
  'liaison.enrolment.waitlisted.v1': { ...enrolment, waitlistPosition: 3 },
  'liaison.enrolment.withdrawn.v1': { ...enrolment, previousStatus: 'confirmed', withdrawnBy: ids.colleague },
  'liaison.enrolment.completed.v1': { ...enrolment, completedOn: '2027-02-03', certificateId: ids.certificate },
  'liaison.certificate.issued.v1': certificate,
  'liaison.certificate.revoked.v1': { ...certificate, reason: 'Attendance was recorded in error.', revokedBy: ids.officer },
  'liaison.notification.created.v1': {
    notificationId: ids.notification,
    officerId: ids.colleague,
    eventId: ids.event,
    eventType: 'liaison.brief.published.v1',
    title: 'Mali : calendrier de la transition',
    summary: 'Nouveau brief du bureau Sahel.',
    link: `/briefs/${ids.brief}`,
    classification: 'amber',
    audience: { organizations: [ids.au], officers: [] },
    language: 'fr',
  },
  'liaison.notification.created.v2': {
    eventId: ids.event,
    eventType: 'liaison.brief.published.v1',
    link: `/briefs/${ids.brief}`,
    classification: 'amber',
    audience: { organizations: [ids.au], officers: [] },
    notifications: [
      {
        notificationId: ids.notification,
        officerId: ids.colleague,
        title: 'Mali : calendrier de la transition',
        summary: 'Nouveau brief du bureau Sahel.',
        language: 'fr',
      },
    ],
  },
  'liaison.notification.created.v3': {
    eventId: ids.event,
    eventType: 'liaison.brief.published.v1',
    link: `/briefs/${ids.brief}`,
    classification: 'amber',
    audience: { organizations: [ids.au], officers: [] },
    texts: [{ language: 'fr', title: 'Mali : calendrier de la transition', summary: 'Nouveau brief du bureau Sahel.' }],
    notifications: [{ notificationId: ids.notification, officerId: ids.colleague, language: 'fr' }],
  },
  'liaison.delivery.failed.v1': {
    deliveryId: ids.delivery,
    channel: 'webhook',
    eventId: ids.event,
    eventType: 'liaison.brief.published.v1',
    organizationId: ids.au,
    webhookId: ids.webhook,
    attempts: 8,
    error: 'HTTP 503',
    failedAt: '2026-11-04T09:30:00Z',
  },
};

/** A whole example event (fixed id and time, so the AsyncAPI document is reproducible). */
export function exampleEvent<K extends EventType>(type: K): LiaisonEvent<PayloadOf<K>> {
  const definition = definitionByType(type as EventType);
  const data = EXAMPLE_DATA[type];
  const classified = data as { classification?: Classification; originOrganizationId?: string; organizationId?: string };
  // Events without a classification of their own (registry, deliveries) go out as the docs of their classes say.
  const classification: Classification = classified.classification ?? (definition.aggregate === 'delivery' ? 'amber-strict' : 'green');
  return {
    specversion: '1.0',
    id: '0190a0a0-0000-7000-8000-0000000000ff',
    source: `/liaison/${definition.service}`,
    type: definition.type as K,
    subject: ids.event,
    time: '2026-11-04T08:30:00.000Z',
    datacontenttype: 'application/json',
    data,
    classification,
    originorg: classified.originOrganizationId ?? classified.organizationId ?? ids.un,
    sequence: '1',
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  };
}
