import type { DialogueState } from '@liaison/contracts';
import type { ClassifiedFields } from '@liaison/kit';
import { Dialogue } from './dialogue.entity';

export interface OpenRecommendationView {
  id: string;
  text: string;
  owners: string[];
  dueOn: string | null;
  status: string;
}

export interface DialogueView {
  id: string;
  kind: Dialogue['kind'];
  title: string;
  participants: string[];
  convenorOrganizationId: string;
  startsAt: string;
  endsAt: string | null;
  location: string | null;
  agenda: string[];
  status: Dialogue['status'];
  outcome: { summary: string; heldOn: string } | null;
  cancelledAt: string | null;
  previousDialogueId: string | null;
  seriesId: string;
  classification: Dialogue['classification'];
  audience: { organizations: string[]; officers: string[] };
  originOrganizationId: string;
  authorId: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** single reads only: the recommendations of the previous dialogue of the series still open */
  carriedOverRecommendations?: OpenRecommendationView[];
}

export function dialogueView(dialogue: Dialogue, carriedOver?: OpenRecommendationView[]): DialogueView {
  return {
    id: dialogue.id,
    kind: dialogue.kind,
    title: dialogue.title,
    participants: dialogue.participants,
    convenorOrganizationId: dialogue.originOrganizationId,
    startsAt: dialogue.startsAt.toISOString(),
    endsAt: dialogue.endsAt?.toISOString() ?? null,
    location: dialogue.location,
    agenda: dialogue.agenda,
    status: dialogue.status,
    outcome: dialogue.outcomeSummary && dialogue.heldOn ? { summary: dialogue.outcomeSummary, heldOn: dialogue.heldOn } : null,
    cancelledAt: dialogue.cancelledAt?.toISOString() ?? null,
    previousDialogueId: dialogue.previousDialogueId,
    seriesId: dialogue.seriesId,
    classification: dialogue.classification,
    audience: { organizations: dialogue.audienceOrganizations, officers: dialogue.audienceOfficers },
    originOrganizationId: dialogue.originOrganizationId,
    authorId: dialogue.authorId,
    version: dialogue.version,
    createdAt: dialogue.createdAt.toISOString(),
    updatedAt: dialogue.updatedAt.toISOString(),
    ...(carriedOver ? { carriedOverRecommendations: carriedOver } : {}),
  };
}

/** What dialogue events carry: the whole record (without the outcome, which held adds). */
export function dialogueState(dialogue: Dialogue): DialogueState {
  return {
    dialogueId: dialogue.id,
    kind: dialogue.kind,
    title: dialogue.title,
    participants: dialogue.participants,
    startsAt: dialogue.startsAt.toISOString(),
    ...(dialogue.endsAt ? { endsAt: dialogue.endsAt.toISOString() } : {}),
    ...(dialogue.location ? { location: dialogue.location } : {}),
    agenda: dialogue.agenda,
    ...(dialogue.previousDialogueId ? { previousDialogueId: dialogue.previousDialogueId } : {}),
    ...classifiedOf(dialogue),
  };
}

/** What the visibility rule reads of a dialogue (and of its recommendations), and its events carry. */
export function classifiedOf(dialogue: Dialogue): ClassifiedFields {
  return {
    classification: dialogue.classification,
    audience: { organizations: dialogue.audienceOrganizations, officers: dialogue.audienceOfficers },
    originOrganizationId: dialogue.originOrganizationId,
    authorId: dialogue.authorId,
  };
}
