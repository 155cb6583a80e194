import { ApiProperty } from '@nestjs/swagger';
import { ENROLMENT_STATUSES } from '@liaison/contracts';
import type { EnrolmentState } from '@liaison/contracts';
import type { Course } from '../course/course.entity';
import type { Session } from '../session/session.entity';
import { Enrolment } from './enrolment.entity';

export class EnrolmentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty({ format: 'uuid' }) officerId!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty({ enum: ENROLMENT_STATUSES }) status!: Enrolment['status'];
  /** 1 is next in line; null unless waitlisted. Nobody is seated from the waitlist once the session has started. */
  @ApiProperty({
    type: Number,
    nullable: true,
    description: "1 is next in line; null unless waitlisted. Nobody is seated from the waitlist once the session has started: a waitlisted enrolment of a session that has started (the session's startsAt) was never seated and stays waitlisted.",
  })
  waitlistPosition!: number | null;
  @ApiProperty({ type: Boolean, nullable: true }) attended!: boolean | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) completedOn!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) certificateId!: string | null;
  @ApiProperty({ format: 'uuid' }) enrolledBy!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export function enrolmentView(enrolment: Enrolment): EnrolmentView {
  return {
    id: enrolment.id,
    sessionId: enrolment.sessionId,
    courseId: enrolment.courseId,
    officerId: enrolment.officerId,
    organizationId: enrolment.organizationId,
    status: enrolment.status,
    waitlistPosition: enrolment.waitlistPosition,
    attended: enrolment.attended,
    completedOn: enrolment.completedOn,
    certificateId: enrolment.certificateId,
    enrolledBy: enrolment.enrolledBy,
    version: enrolment.version,
    createdAt: enrolment.createdAt.toISOString(),
    updatedAt: enrolment.updatedAt.toISOString(),
  };
}

/**
 * An enrolment concerns one officer: its events are red, visible to that officer (the audience)
 * and to whoever made the change (the author); its origin is the officer's organization.
 */
export function enrolmentState(enrolment: Enrolment, session: Session, course: Course, authorId: string): EnrolmentState {
  return {
    classification: 'red',
    audience: { organizations: [], officers: [enrolment.officerId] },
    originOrganizationId: enrolment.organizationId,
    authorId,
    enrolmentId: enrolment.id,
    sessionId: session.id,
    courseId: course.id,
    courseTitle: course.title,
    sessionStartsAt: session.startsAt.toISOString(),
    officerId: enrolment.officerId,
    organizationId: enrolment.organizationId,
  };
}
