import { IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { defineEvent } from '../envelope';
import { Classified } from '../vocabulary/classified';
import { IsCalendarDate } from '../vocabulary/temporal';

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
}

export class MilestonePlanned extends MilestoneState {}

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
  description: 'A milestone with a due date was added to a programme.',
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
