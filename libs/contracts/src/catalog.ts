import type { EventDefinition, ServiceName } from './envelope';
import { MilestoneCompletedEvent, MilestoneDelayedEvent, MilestonePlannedEvent } from './capacity-building/milestone.events';
import { ProgrammeClosedEvent, ProgrammeLaunchedEvent, ProgrammeReclassifiedEvent, ProgrammeUpdatedEvent } from './capacity-building/programme.events';
import { BriefPublishedEvent, BriefReclassifiedEvent, BriefWithdrawnEvent } from './dialogues/brief.events';
import {
  DialogueCancelledEvent,
  DialogueHeldEvent,
  DialogueReclassifiedEvent,
  DialogueRescheduledEvent,
  DialogueScheduledEvent,
} from './dialogues/dialogue.events';
import { InitiativeLaunchedEvent, InitiativeReclassifiedEvent, InitiativeUpdatedEvent } from './dialogues/initiative.events';
import { RecommendationAdoptedEvent, RecommendationStatusChangedEvent } from './dialogues/recommendation.events';
import { DeliveryFailedEvent } from './notifications/delivery.events';
import { NotificationCreatedEvent, NotificationsCreatedByLanguageEvent, NotificationsCreatedEvent } from './notifications/notification.events';
import { DeskClosedEvent, DeskOpenedEvent, DeskUpdatedEvent } from './organizations/desk.events';
import { OfficerJoinedEvent, OfficerLeftEvent, OfficerUpdatedEvent } from './organizations/officer.events';
import { OrganizationRegisteredEvent, OrganizationUpdatedEvent } from './organizations/organization.events';
import { CoursePublishedEvent } from './training/course.events';
import { CertificateIssuedEvent, CertificateRevokedEvent } from './training/certificate.events';
import { EnrolmentCompletedEvent, EnrolmentConfirmedEvent, EnrolmentWaitlistedEvent, EnrolmentWithdrawnEvent } from './training/enrolment.events';
import { SessionCancelledEvent, SessionRescheduledEvent, SessionScheduledEvent } from './training/session.events';

/** The events that change a record's reach (classification, audience, origin, author) and nothing else. */
export const RECLASSIFICATION_EVENTS = [BriefReclassifiedEvent, DialogueReclassifiedEvent, InitiativeReclassifiedEvent, ProgrammeReclassifiedEvent] as const;
export type ReclassificationType = (typeof RECLASSIFICATION_EVENTS)[number]['type'];

/**
 * Every event Liaison publishes. An event missing here has no AsyncAPI entry and cannot be
 * looked up by a consumer, so the messaging lib refuses to publish or handle it.
 */
export const EVENT_CATALOG = [
  OrganizationRegisteredEvent,
  OrganizationUpdatedEvent,
  DeskOpenedEvent,
  DeskUpdatedEvent,
  DeskClosedEvent,
  OfficerJoinedEvent,
  OfficerUpdatedEvent,
  OfficerLeftEvent,

  DialogueScheduledEvent,
  DialogueRescheduledEvent,
  DialogueHeldEvent,
  DialogueCancelledEvent,
  DialogueReclassifiedEvent,
  RecommendationAdoptedEvent,
  RecommendationStatusChangedEvent,
  BriefPublishedEvent,
  BriefWithdrawnEvent,
  BriefReclassifiedEvent,
  InitiativeLaunchedEvent,
  InitiativeUpdatedEvent,
  InitiativeReclassifiedEvent,

  ProgrammeLaunchedEvent,
  ProgrammeUpdatedEvent,
  ProgrammeClosedEvent,
  ProgrammeReclassifiedEvent,
  MilestonePlannedEvent,
  MilestoneCompletedEvent,
  MilestoneDelayedEvent,

  CoursePublishedEvent,
  SessionScheduledEvent,
  SessionRescheduledEvent,
  SessionCancelledEvent,
  EnrolmentConfirmedEvent,
  EnrolmentWaitlistedEvent,
  EnrolmentWithdrawnEvent,
  EnrolmentCompletedEvent,
  CertificateIssuedEvent,
  CertificateRevokedEvent,

  NotificationCreatedEvent,
  NotificationsCreatedEvent,
  NotificationsCreatedByLanguageEvent,
  DeliveryFailedEvent,
] as const;

export type CatalogEvent = (typeof EVENT_CATALOG)[number];
/** Every CloudEvents type in the catalog, as a union of string literals. */
export type EventType = CatalogEvent['type'];
/** Every NATS subject in the catalog, as a union of string literals. */
export type EventSubject = CatalogEvent['subject'];
export type DefinitionOfType<K extends EventType> = Extract<CatalogEvent, { type: K }>;
export type DefinitionOfSubject<K extends EventSubject> = Extract<CatalogEvent, { subject: K }>;
/** The payload class of an event type: `PayloadOf<'liaison.brief.published.v1'>` is `BriefPublished`. */
export type PayloadOf<K extends EventType> = DefinitionOfType<K> extends EventDefinition<infer T> ? T : never;

const byType = new Map<string, CatalogEvent>(EVENT_CATALOG.map((d) => [d.type, d]));

/**
 * Several versions of one event share a subject (the subject has no version), so a subject
 * maps to all of them, newest last.
 */
const bySubject = new Map<string, CatalogEvent[]>();
for (const definition of [...EVENT_CATALOG].sort((a, b) => a.version - b.version)) {
  bySubject.set(definition.subject, [...(bySubject.get(definition.subject) ?? []), definition]);
}

/** The definition of a CloudEvents type; `undefined` for a type not in the catalog (a consumer dead-letters it). */
export function definitionByType<K extends EventType>(type: K): DefinitionOfType<K>;
export function definitionByType(type: string): CatalogEvent | undefined;
export function definitionByType(type: string): CatalogEvent | undefined {
  return byType.get(type);
}

/** The newest definition published on a NATS subject (without deployment prefix). */
export function definitionBySubject<K extends EventSubject>(subject: K): DefinitionOfSubject<K>;
export function definitionBySubject(subject: string): CatalogEvent | undefined;
export function definitionBySubject(subject: string): CatalogEvent | undefined {
  return bySubject.get(subject)?.at(-1);
}

/** The events a service publishes, in catalog order. */
export function definitionsOf(service: ServiceName): CatalogEvent[] {
  return EVENT_CATALOG.filter((d) => d.service === service);
}
