import type { EnrolmentState } from '@liaison/contracts';
import type { Course } from '../course/course.entity';
import type { Session } from '../session/session.entity';
import { Enrolment } from './enrolment.entity';

export interface EnrolmentView {
  id: string;
  sessionId: string;
  courseId: string;
  officerId: string;
  organizationId: string;
  status: Enrolment['status'];
  /** 1 is next in line; null unless waitlisted */
  waitlistPosition: number | null;
  attended: boolean | null;
  completedOn: string | null;
  certificateId: string | null;
  enrolledBy: string;
  version: number;
  createdAt: string;
  updatedAt: string;
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
