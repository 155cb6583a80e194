import { IsInt, IsString, IsUUID, Length, Min } from 'class-validator';
import { defineEvent } from '../envelope';
import { Classified } from '../vocabulary/classified';
import { IsCalendarDate, IsTimestamp } from '../vocabulary/temporal';

/**
 * An officer's place in a session. An enrolment concerns one officer: the publisher sends it as
 * red with the officer in `audience.officers` (the author being whoever enrolled them).
 */
export class EnrolmentState extends Classified {
  @IsUUID()
  enrolmentId: string;

  @IsUUID()
  sessionId: string;

  @IsUUID()
  courseId: string;

  @IsString()
  @Length(1, 300)
  courseTitle: string;

  @IsTimestamp()
  sessionStartsAt: string;

  @IsUUID()
  officerId: string;

  /** The officer's organization. */
  @IsUUID()
  organizationId: string;
}

export class EnrolmentConfirmed extends EnrolmentState {}

export class EnrolmentWaitlisted extends EnrolmentState {
  /** 1 is next in line. */
  @IsInt()
  @Min(1)
  waitlistPosition: number;
}

export class EnrolmentCompleted extends EnrolmentState {
  @IsCalendarDate()
  completedOn: string;

  /** Verifiable at `GET /api/v1/certificates/{id}`. */
  @IsUUID()
  certificateId: string;
}

export const EnrolmentConfirmedEvent = defineEvent({
  service: 'training',
  aggregate: 'enrolment',
  verb: 'confirmed',
  payload: EnrolmentConfirmed,
  description: 'An officer has a seat in a session, on enrolling or when promoted from the waitlist.',
});

export const EnrolmentWaitlistedEvent = defineEvent({
  service: 'training',
  aggregate: 'enrolment',
  verb: 'waitlisted',
  payload: EnrolmentWaitlisted,
  description: 'A session was full; the officer is on its waitlist.',
});

export const EnrolmentCompletedEvent = defineEvent({
  service: 'training',
  aggregate: 'enrolment',
  verb: 'completed',
  payload: EnrolmentCompleted,
  description: 'An officer completed a session and was issued a verifiable certificate.',
});
