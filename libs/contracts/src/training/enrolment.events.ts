import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, MaxLength, Min } from 'class-validator';
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

/** The statuses an enrolment can be withdrawn from. */
export const WITHDRAWABLE_ENROLMENT_STATUSES = ['confirmed', 'waitlisted'] as const;
export type WithdrawableEnrolmentStatus = (typeof WITHDRAWABLE_ENROLMENT_STATUSES)[number];

export class EnrolmentWithdrawn extends EnrolmentState {
  /** What the enrolment was: a confirmed one frees a seat for the first on the waitlist. */
  @IsIn(WITHDRAWABLE_ENROLMENT_STATUSES)
  previousStatus: WithdrawableEnrolmentStatus;

  /** The officer who withdrew it: the enrolled officer, an admin of their organization or an organizer. */
  @IsUUID()
  withdrawnBy: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
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

export const EnrolmentWithdrawnEvent = defineEvent({
  service: 'training',
  aggregate: 'enrolment',
  verb: 'withdrawn',
  payload: EnrolmentWithdrawn,
  description: 'An officer left a session (or was withdrawn); a confirmed seat goes to the first on the waitlist.',
});

export const EnrolmentCompletedEvent = defineEvent({
  service: 'training',
  aggregate: 'enrolment',
  verb: 'completed',
  payload: EnrolmentCompleted,
  description: 'An officer completed a session and was issued a verifiable certificate.',
});
