import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CLASSIFICATIONS, DIALOGUE_KINDS, RECOMMENDATION_STATUSES } from '@liaison/contracts';
import { AudienceView } from '@liaison/http';
import type { DialogueState } from '@liaison/contracts';
import type { ClassifiedFields } from '@liaison/kit';
import { Dialogue, DIALOGUE_STATUSES } from './dialogue.entity';

export class OpenRecommendationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ type: [String], format: 'uuid' }) owners!: string[];
  @ApiProperty({ type: String, format: 'date', nullable: true }) dueOn!: string | null;
  @ApiProperty({ enum: RECOMMENDATION_STATUSES }) status!: string;
}

class OutcomeView {
  @ApiProperty() summary!: string;
  @ApiProperty({ format: 'date' }) heldOn!: string;
}

export class DialogueView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: DIALOGUE_KINDS }) kind!: Dialogue['kind'];
  @ApiProperty() title!: string;
  @ApiProperty({ type: [String], format: 'uuid' }) participants!: string[];
  @ApiProperty({ format: 'uuid' }) convenorOrganizationId!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endsAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) location!: string | null;
  @ApiProperty({ type: [String] }) agenda!: string[];
  @ApiProperty({ enum: DIALOGUE_STATUSES }) status!: Dialogue['status'];
  @ApiProperty({ type: OutcomeView, nullable: true }) outcome!: OutcomeView | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) cancelledAt!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the previous dialogue of its series; null also when the caller may not see it' })
  previousDialogueId!: string | null;
  @ApiProperty({ format: 'uuid', description: 'the series it belongs to (filter with ?seriesId=); not the id of any dialogue' }) seriesId!: string;
  @ApiProperty({ enum: CLASSIFICATIONS }) classification!: Dialogue['classification'];
  @ApiProperty({ type: AudienceView }) audience!: AudienceView;
  @ApiProperty({ format: 'uuid' }) originOrganizationId!: string;
  @ApiProperty({ format: 'uuid' }) authorId!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  /** single reads only: the recommendations of the previous dialogue of the series still open */
  @ApiPropertyOptional({ type: [OpenRecommendationView], description: 'single reads only: the recommendations of the previous dialogue of the series still open' })
  carriedOverRecommendations?: OpenRecommendationView[];
}

/** `visible`: the dialogues the caller may see, of those it refers to (visibleDialogueIds). */
export function dialogueView(dialogue: Dialogue, visible: ReadonlySet<string>, carriedOver?: OpenRecommendationView[]): DialogueView {
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
    previousDialogueId: dialogue.previousDialogueId && visible.has(dialogue.previousDialogueId) ? dialogue.previousDialogueId : null,
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
