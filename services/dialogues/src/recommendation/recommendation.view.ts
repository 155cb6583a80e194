import { ApiProperty } from '@nestjs/swagger';
import { RECOMMENDATION_STATUSES } from '@liaison/contracts';
import type { RecommendationState } from '@liaison/contracts';
import { classifiedOf } from '../dialogue/dialogue.view';
import { Dialogue } from '../dialogue/dialogue.entity';
import { isOverdue } from './recommendation-status';
import { Recommendation, RecommendationStatusChange } from './recommendation.entity';

export class StatusChangeView {
  @ApiProperty({ enum: RECOMMENDATION_STATUSES }) status!: Recommendation['status'];
  @ApiProperty({ enum: RECOMMENDATION_STATUSES, nullable: true }) previousStatus!: Recommendation['status'] | null;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ format: 'uuid' }) changedBy!: string;
  @ApiProperty({ format: 'uuid' }) changedByOrganizationId!: string;
  @ApiProperty({ format: 'date-time' }) changedAt!: string;
}

export class RecommendationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) dialogueId!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ type: [String], format: 'uuid' }) owners!: string[];
  @ApiProperty({ type: String, format: 'date', nullable: true }) dueOn!: string | null;
  @ApiProperty({ enum: RECOMMENDATION_STATUSES }) status!: Recommendation['status'];
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ format: 'uuid' }) authorId!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  /** every status it took, oldest first */
  @ApiProperty({ type: [StatusChangeView], description: 'every status it took, oldest first' }) history!: StatusChangeView[];
}

/** GET /recommendations/counts: how many the caller may see, by status. */
export class RecommendationCountsView {
  @ApiProperty() proposed!: number;
  @ApiProperty() agreed!: number;
  @ApiProperty({ name: 'in-progress' }) 'in-progress'!: number;
  @ApiProperty() implemented!: number;
  @ApiProperty() dropped!: number;
  @ApiProperty() total!: number;
  @ApiProperty({ description: 'past their due date and neither implemented nor dropped' }) overdue!: number;
}

export function recommendationView(recommendation: Recommendation, history: RecommendationStatusChange[]): RecommendationView {
  return {
    id: recommendation.id,
    dialogueId: recommendation.dialogueId,
    text: recommendation.text,
    owners: recommendation.owners,
    dueOn: recommendation.dueOn,
    status: recommendation.status,
    overdue: isOverdue(recommendation),
    authorId: recommendation.authorId,
    version: recommendation.version,
    createdAt: recommendation.createdAt.toISOString(),
    updatedAt: recommendation.updatedAt.toISOString(),
    history: history.map((step) => ({
      status: step.status,
      previousStatus: step.previousStatus,
      note: step.note,
      changedBy: step.changedBy,
      changedByOrganizationId: step.changedByOrganizationId,
      changedAt: step.changedAt.toISOString(),
    })),
  };
}

/** What recommendation events carry: its dialogue's classification and title travel with it. */
export function recommendationState(recommendation: Recommendation, dialogue: Dialogue): RecommendationState {
  return {
    recommendationId: recommendation.id,
    dialogueId: dialogue.id,
    dialogueTitle: dialogue.title,
    text: recommendation.text,
    owners: recommendation.owners,
    ...(recommendation.dueOn ? { dueOn: recommendation.dueOn } : {}),
    status: recommendation.status,
    ...classifiedOf(dialogue),
    // the author of a red recommendation is the dialogue's: who may see it follows the dialogue
  };
}
