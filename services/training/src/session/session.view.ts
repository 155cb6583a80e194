import type { SessionState } from '@liaison/contracts';
import type { ClassifiedFields } from '@liaison/kit';
import type { Course } from '../course/course.entity';
import { ApiProperty } from '@nestjs/swagger';
import { CLASSIFICATIONS } from '@liaison/contracts';
import { AudienceView } from '@liaison/http';
import { Session, SESSION_STATUSES } from './session.entity';

export class SessionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty() seats!: number;
  @ApiProperty({ type: [String], format: 'uuid' }) organizers!: string[];
  /** who may enrol: officers of these organizations (and of the organizers); empty: every partner organization */
  @ApiProperty({ type: AudienceView, description: 'who may enrol: officers of these organizations (and of the organizers); empty: every partner organization' })
  audience!: AudienceView;
  @ApiProperty({ type: String, nullable: true }) location!: string | null;
  @ApiProperty() online!: boolean;
  @ApiProperty({ enum: SESSION_STATUSES }) status!: Session['status'];
  @ApiProperty({ type: String, nullable: true }) cancelReason!: string | null;
  @ApiProperty({ enum: CLASSIFICATIONS }) classification!: Session['classification'];
  @ApiProperty({ format: 'uuid' }) originOrganizationId!: string;
  @ApiProperty({ format: 'uuid' }) authorId!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export function sessionView(session: Session): SessionView {
  return {
    id: session.id,
    courseId: session.courseId,
    startsAt: session.startsAt.toISOString(),
    endsAt: session.endsAt.toISOString(),
    seats: session.seats,
    organizers: session.organizers,
    audience: { organizations: session.eligibleOrganizations, officers: [] },
    location: session.location,
    online: session.online,
    status: session.status,
    cancelReason: session.cancelReason,
    classification: session.classification,
    originOrganizationId: session.originOrganizationId,
    authorId: session.authorId,
    version: session.version,
    createdAt: session.createdAt.toISOString(),
    updatedAt: session.updatedAt.toISOString(),
  };
}

export function classifiedOfSession(session: Session): ClassifiedFields {
  return {
    classification: session.classification,
    audience: { organizations: session.audienceOrganizations, officers: session.audienceOfficers },
    originOrganizationId: session.originOrganizationId,
    authorId: session.authorId,
  };
}

/** What every session event carries: its full state with the course's title and topic. */
export function sessionState(session: Session, course: Course): SessionState {
  return {
    ...classifiedOfSession(session),
    sessionId: session.id,
    courseId: session.courseId,
    courseTitle: course.title,
    topic: course.topic,
    startsAt: session.startsAt.toISOString(),
    endsAt: session.endsAt.toISOString(),
    seats: session.seats,
    organizers: session.organizers,
    ...(session.location ? { location: session.location } : {}),
    online: session.online,
  };
}

/** Organizers manage the session: officers of one of its organizing organizations. */
export function isOrganizer(session: Session, organizationId: string): boolean {
  return session.organizers.includes(organizationId.toLowerCase());
}

/** Officers of these organizations may enrol: the eligible ones and the organizers, or any when none is listed. */
export function mayEnrol(session: Session, organizationId: string): boolean {
  const id = organizationId.toLowerCase();
  return session.eligibleOrganizations.length === 0 || session.eligibleOrganizations.includes(id) || session.organizers.includes(id);
}
