import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { defineEvent } from '../envelope';
import { Classified, Reclassification } from '../vocabulary/classified';
import { PROGRAMME_SCOPES, ProgrammeScope, THEMES, Theme } from '../vocabulary/domain';
import { IsCalendarDate } from '../vocabulary/temporal';

/** API.md names a programme's `status` and its values; `closed` is final. */
export const PROGRAMME_STATUSES = ['planned', 'active', 'closed'] as const;
export type ProgrammeStatus = (typeof PROGRAMME_STATUSES)[number];

/** A capacity-building programme with a partner organization. */
export class ProgrammeState extends Classified {
  @IsUUID()
  programmeId: string;

  @IsString()
  @Length(1, 300)
  title: string;

  @IsUUID()
  partnerOrganizationId: string;

  @IsIn(PROGRAMME_SCOPES)
  scope: ProgrammeScope;

  /** Themes such as conflict-prevention, mediation, electoral-assistance, policy-organs-support. */
  @IsArray()
  @IsIn(THEMES, { each: true })
  focusAreas: Theme[];

  @IsOptional()
  @IsCalendarDate()
  startsOn?: string;

  @IsOptional()
  @IsCalendarDate()
  endsOn?: string;

  /** Added compatibly: absent in events published before it. */
  @IsOptional()
  @IsIn(PROGRAMME_STATUSES)
  status?: ProgrammeStatus;

  /**
   * Officers who follow the programme (they took part in it, or asked to) and may see it as this
   * change leaves it, but the one who made the change: told of it without a subscription, still
   * only as far as the classification lets them see. Absent in events published before it was added.
   */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10_000)
  @IsUUID('all', { each: true })
  followers?: string[];

  /**
   * The officer who made this change, when an officer did (absent for the service's own changes,
   * such as a milestone marked delayed, and in earlier events): notifications does not tell them
   * of it. The record's author (`authorId`) stays who the visibility rule reads.
   */
  @IsOptional()
  @IsUUID()
  changedBy?: string;
}

export class ProgrammeLaunched extends ProgrammeState {}

/** Carries the full new state. */
export class ProgrammeUpdated extends ProgrammeState {}

export class ProgrammeClosed extends ProgrammeState {
  @IsCalendarDate()
  closedOn: string;
}

export const ProgrammeLaunchedEvent = defineEvent({
  service: 'capacity-building',
  aggregate: 'programme',
  verb: 'launched',
  payload: ProgrammeLaunched,
  description: 'A mediation-specific or comprehensive capacity-building programme started with a partner.',
});

export const ProgrammeUpdatedEvent = defineEvent({
  service: 'capacity-building',
  aggregate: 'programme',
  verb: 'updated',
  payload: ProgrammeUpdated,
  description: 'A programme changed; the payload is its full new state.',
});

export const ProgrammeClosedEvent = defineEvent({
  service: 'capacity-building',
  aggregate: 'programme',
  verb: 'closed',
  payload: ProgrammeClosed,
  description: 'A programme ended.',
});

/** Its classification, audience, origin or author changed; the record's content is not repeated. */
export class ProgrammeReclassified extends Reclassification {
  @IsUUID()
  programmeId: string;
}

export const ProgrammeReclassifiedEvent = defineEvent({
  service: 'capacity-building',
  aggregate: 'programme',
  verb: 'reclassified',
  payload: ProgrammeReclassified,
  description: 'A programme changed who may see it (classification, audience, origin or author); consumers apply the new reach to what they already show or still have to send.',
});
