import type { RecommendationState } from '@liaison/contracts';
import { classifiedOf } from '../dialogue/dialogue.view';
import { Dialogue } from '../dialogue/dialogue.entity';
import { isOverdue } from './recommendation-status';
import { Recommendation, RecommendationStatusChange } from './recommendation.entity';

export interface StatusChangeView {
  status: Recommendation['status'];
  previousStatus: Recommendation['status'] | null;
  note: string | null;
  changedBy: string;
  changedByOrganizationId: string;
  changedAt: string;
}

export interface RecommendationView {
  id: string;
  dialogueId: string;
  text: string;
  owners: string[];
  dueOn: string | null;
  status: Recommendation['status'];
  overdue: boolean;
  authorId: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** every status it took, oldest first */
  history: StatusChangeView[];
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
