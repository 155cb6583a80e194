import { IsArray, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { defineEvent } from '../envelope';
import { Classified } from '../vocabulary/classified';
import { RECOMMENDATION_STATUSES, RecommendationStatus } from '../vocabulary/domain';
import { IsCalendarDate, IsTimestamp } from '../vocabulary/temporal';

/**
 * A recommendation of a dialogue. Its classification and audience are the dialogue's; the
 * dialogue title travels too, so a notification can say where the recommendation came from.
 */
export class RecommendationState extends Classified {
  @IsUUID()
  recommendationId: string;

  @IsUUID()
  dialogueId: string;

  @IsString()
  @Length(1, 300)
  dialogueTitle: string;

  @IsString()
  @Length(1, 10000)
  text: string;

  /** Organization ids responsible for carrying it out. */
  @IsArray()
  @IsUUID('all', { each: true })
  owners: string[];

  @IsOptional()
  @IsCalendarDate()
  dueOn?: string;

  @IsIn(RECOMMENDATION_STATUSES)
  status: RecommendationStatus;
}

export class RecommendationAdopted extends RecommendationState {}

/** The full new state, the status it left, and who moved it and why. */
export class RecommendationStatusChanged extends RecommendationState {
  @IsIn(RECOMMENDATION_STATUSES)
  previousStatus: RecommendationStatus;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @IsUUID()
  changedBy: string;

  @IsTimestamp()
  changedAt: string;
}

export const RecommendationAdoptedEvent = defineEvent({
  service: 'dialogues',
  aggregate: 'recommendation',
  verb: 'adopted',
  payload: RecommendationAdopted,
  description: 'A dialogue adopted a recommendation, with its owners and due date.',
});

export const RecommendationStatusChangedEvent = defineEvent({
  service: 'dialogues',
  aggregate: 'recommendation',
  verb: 'status-changed',
  payload: RecommendationStatusChanged,
  description: 'A recommendation moved between proposed, agreed, in-progress, implemented and dropped.',
});
