import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { defineEvent } from '../envelope';
import { Classified } from '../vocabulary/classified';
import { IsCalendarDate } from '../vocabulary/temporal';

/** `delayed`: its due date passed without completion (set once, by the service's own check). */
export const MILESTONE_STATUSES = ['planned', 'completed', 'delayed'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

/**
 * A milestone of a programme. It is seen by whoever may see its programme, so it carries the
 * programme's classification, audience, partner and title.
 */
export class MilestoneState extends Classified {
  @IsUUID()
  milestoneId: string;

  @IsUUID()
  programmeId: string;

  @IsString()
  @Length(1, 300)
  programmeTitle: string;

  @IsUUID()
  partnerOrganizationId: string;

  @IsString()
  @Length(1, 300)
  title: string;

  @IsCalendarDate()
  dueOn: string;

  /** Added compatibly: absent in events published before it. */
  @IsOptional()
  @IsIn(MILESTONE_STATUSES)
  status?: MilestoneStatus;

  /** The programme's followers but the officer who made the change (see ProgrammeState.followers); absent in earlier events. */
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

/** Also published when a milestone is rescheduled: the new plan, with the due date it replaces. */
export class MilestonePlanned extends MilestoneState {
  @IsOptional()
  @IsCalendarDate()
  previousDueOn?: string;
}

export class MilestoneCompleted extends MilestoneState {
  @IsCalendarDate()
  completedOn: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

/** Published once, when a milestone passes its due date unfinished. */
export class MilestoneDelayed extends MilestoneState {}

export const MilestonePlannedEvent = defineEvent({
  service: 'capacity-building',
  aggregate: 'milestone',
  verb: 'planned',
  payload: MilestonePlanned,
  description: 'A milestone with a due date was added to a programme, or rescheduled (then with previousDueOn).',
});

export const MilestoneCompletedEvent = defineEvent({
  service: 'capacity-building',
  aggregate: 'milestone',
  verb: 'completed',
  payload: MilestoneCompleted,
  description: 'A milestone was completed.',
});

export const MilestoneDelayedEvent = defineEvent({
  service: 'capacity-building',
  aggregate: 'milestone',
  verb: 'delayed',
  payload: MilestoneDelayed,
  description: 'A milestone passed its due date without being completed.',
});
