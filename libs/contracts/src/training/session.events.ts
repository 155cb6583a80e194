import { IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, MaxLength, Min } from 'class-validator';
import { defineEvent } from '../envelope';
import { Classified } from '../vocabulary/classified';
import { THEMES, Theme } from '../vocabulary/domain';
import { IsTimestamp } from '../vocabulary/temporal';

/**
 * A session of a course. Its audience is who may enrol, so it is also who is told of it; the
 * course title and topic travel with it for the notification and for topic subscriptions.
 */
export class SessionState extends Classified {
  @IsUUID()
  sessionId: string;

  @IsUUID()
  courseId: string;

  @IsString()
  @Length(1, 300)
  courseTitle: string;

  @IsIn(THEMES)
  topic: Theme;

  @IsTimestamp()
  startsAt: string;

  @IsTimestamp()
  endsAt: string;

  @IsInt()
  @Min(1)
  seats: number;

  /** Organization ids. */
  @IsArray()
  @IsUUID('all', { each: true })
  organizers: string[];

  /** A place; absent for sessions held only online. */
  @IsOptional()
  @IsString()
  @MaxLength(300)
  location?: string;

  @IsBoolean()
  online: boolean;

  /**
   * The officer who made this change (scheduled, rescheduled or cancelled it), who may be another
   * organizer than the session's author: notifications does not tell them of their own act.
   * Added compatibly: absent in earlier events, where the author stands for them.
   */
  @IsOptional()
  @IsUUID()
  changedBy?: string;
}

export class SessionScheduled extends SessionState {}

/** The full new state (dates, seats, place), with the start it replaces so a message can say "moved from … to …". */
export class SessionRescheduled extends SessionState {
  @IsTimestamp()
  previousStartsAt: string;
}

export class SessionCancelled extends SessionState {
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;

  /**
   * The officers whose enrolments (confirmed or waitlisted) the cancellation ended, so that
   * notifications addresses each of them whatever their subscriptions. Absent in older events.
   */
  @IsOptional()
  @IsArray()
  @IsUUID('all', { each: true })
  enrolledOfficers?: string[];
}

export const SessionScheduledEvent = defineEvent({
  service: 'training',
  aggregate: 'session',
  verb: 'scheduled',
  payload: SessionScheduled,
  description: 'A joint UN / regional training session was scheduled, in a place or online.',
});

export const SessionRescheduledEvent = defineEvent({
  service: 'training',
  aggregate: 'session',
  verb: 'rescheduled',
  payload: SessionRescheduled,
  description: 'A session moved, or its seats or place changed; the payload is its full new state.',
});

export const SessionCancelledEvent = defineEvent({
  service: 'training',
  aggregate: 'session',
  verb: 'cancelled',
  payload: SessionCancelled,
  description: 'A session was cancelled; its enrolled and waitlisted officers are told.',
});
