import { v7 as uuidv7 } from 'uuid';
import {
  type Audience,
  BriefPublishedEvent,
  BriefReclassifiedEvent,
  BriefWithdrawnEvent,
  type Classification,
  createEvent,
  DialogueReclassifiedEvent,
  DialogueScheduledEvent,
  ProgrammeReclassifiedEvent,
  type Language,
  type LiaisonEvent,
  OfficerJoinedEvent,
  OfficerUpdatedEvent,
  OrganizationRegisteredEvent,
  type Region,
} from '@liaison/contracts';

export interface TestOrganization {
  id: string;
  acronym: string;
  region: Region;
}

export interface TestOfficer {
  id: string;
  organizationId: string;
  email: string;
  language: Language;
}

export function organization(acronym: string, region: Region = 'africa'): TestOrganization {
  return { id: uuidv7(), acronym, region };
}

export function officer(org: TestOrganization, name: string, language: Language = 'en'): TestOfficer {
  return { id: uuidv7(), organizationId: org.id, email: `${name}@${org.acronym.toLowerCase()}.example.org`, language };
}

export function organizationRegistered(org: TestOrganization): LiaisonEvent {
  return createEvent(OrganizationRegisteredEvent, {
    subject: org.id,
    classification: 'green',
    originorg: org.id,
    sequence: 1,
    data: {
      organizationId: org.id,
      acronym: org.acronym,
      name: `${org.acronym} organization`,
      kind: org.acronym === 'UN' ? 'united-nations' : 'regional',
      region: org.region,
      memberStates: [],
      chapterVIII: org.acronym !== 'UN',
    },
  });
}

export function officerJoined(o: TestOfficer, version = 1, organizationId = o.organizationId): LiaisonEvent {
  const definition = version === 1 ? OfficerJoinedEvent : OfficerUpdatedEvent;
  return createEvent(definition, {
    subject: o.id,
    classification: 'green',
    originorg: organizationId,
    sequence: version,
    data: { officerId: o.id, organizationId, email: o.email, name: o.email.split('@')[0], language: o.language, roles: ['officer'] },
  });
}

export interface BriefSpec {
  author: TestOfficer;
  classification: Classification;
  audience?: Partial<Audience>;
  countries?: string[];
  themes?: string[];
  region?: Region;
  title?: string;
  summary?: string;
  /** the dialogue the brief was written for */
  dialogueId?: string;
}

export function briefPublished(spec: BriefSpec): LiaisonEvent {
  const briefId = uuidv7();
  return createEvent(BriefPublishedEvent, {
    subject: briefId,
    classification: spec.classification,
    originorg: spec.author.organizationId,
    sequence: 1,
    data: {
      briefId,
      classification: spec.classification,
      audience: { organizations: spec.audience?.organizations ?? [], officers: spec.audience?.officers ?? [] },
      originOrganizationId: spec.author.organizationId,
      authorId: spec.author.id,
      title: spec.title ?? `Situation update ${briefId.slice(-6)}`,
      summary: spec.summary ?? 'Secret content of the brief',
      language: 'en',
      countries: spec.countries ?? ['SD'],
      ...(spec.region ? { region: spec.region } : {}),
      themes: (spec.themes ?? ['mediation']) as never,
      ...(spec.dialogueId ? { dialogueId: spec.dialogueId } : {}),
      publishedAt: new Date().toISOString(),
    },
  });
}

export interface DialogueSpec {
  author: TestOfficer;
  classification: Classification;
  audience?: Partial<Audience>;
  participants?: string[];
  title?: string;
  /** ISO instant; a fixed one by default */
  startsAt?: string;
  /** the dialogue this one follows in a series */
  previousDialogueId?: string;
}

export function dialogueScheduled(spec: DialogueSpec): LiaisonEvent {
  const dialogueId = uuidv7();
  return createEvent(DialogueScheduledEvent, {
    subject: dialogueId,
    classification: spec.classification,
    originorg: spec.author.organizationId,
    sequence: 1,
    data: {
      dialogueId,
      classification: spec.classification,
      audience: { organizations: spec.audience?.organizations ?? [], officers: spec.audience?.officers ?? [] },
      originOrganizationId: spec.author.organizationId,
      authorId: spec.author.id,
      kind: 'desk-to-desk',
      title: spec.title ?? `Dialogue ${dialogueId.slice(-6)}`,
      participants: spec.participants ?? [spec.author.organizationId],
      startsAt: spec.startsAt ?? '2027-03-01T09:00:00Z',
      agenda: [],
      ...(spec.previousDialogueId ? { previousDialogueId: spec.previousDialogueId } : {}),
    },
  });
}

/** The brief as it was, withdrawn by its author. */
export function briefWithdrawn(published: LiaisonEvent): LiaisonEvent {
  const data = published.data as Record<string, unknown>;
  return createEvent(BriefWithdrawnEvent, {
    subject: published.subject,
    classification: published.classification,
    originorg: published.originorg,
    sequence: 2,
    data: { ...data, withdrawnBy: data.authorId, withdrawnAt: new Date().toISOString() } as never,
  });
}

/**
 * The record of `earlier` (a brief's, a dialogue's or a programme's event) now at `classification` with
 * `audience`, as its owner announces it: the record's reach, no content.
 */
export function reclassified(earlier: LiaisonEvent, classification: Classification, audience: Partial<Audience>, sequence: number): LiaisonEvent {
  const data = earlier.data as { originOrganizationId: string; authorId: string; briefId?: string; dialogueId?: string; programmeId?: string };
  const reach = {
    classification,
    audience: { organizations: audience.organizations ?? [], officers: audience.officers ?? [] },
    originOrganizationId: data.originOrganizationId,
    authorId: data.authorId,
    previousClassification: earlier.classification,
    reclassifiedBy: data.authorId,
    reclassifiedAt: new Date().toISOString(),
  };
  const envelope = { subject: earlier.subject, classification, originorg: data.originOrganizationId, sequence };
  if (data.briefId) return createEvent(BriefReclassifiedEvent, { ...envelope, data: { ...reach, briefId: data.briefId } });
  if (data.dialogueId) return createEvent(DialogueReclassifiedEvent, { ...envelope, data: { ...reach, dialogueId: data.dialogueId } });
  if (data.programmeId) return createEvent(ProgrammeReclassifiedEvent, { ...envelope, data: { ...reach, programmeId: data.programmeId } });
  throw new Error(`reclassified: not a brief, a dialogue or a programme: ${earlier.type}`);
}
