import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CLASSIFICATIONS, LANGUAGES, REGIONS, THEMES } from '@liaison/contracts';
import { AudienceView } from '@liaison/http';
import type { BriefState } from '@liaison/contracts';
import type { ClassifiedFields } from '@liaison/kit';
import { Brief } from './brief.entity';

export class BriefView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ enum: LANGUAGES }) language!: Brief['language'];
  @ApiProperty({ type: [String] }) countries!: string[];
  @ApiProperty({ enum: REGIONS, nullable: true }) region!: Brief['region'];
  @ApiProperty({ enum: THEMES, isArray: true }) themes!: Brief['themes'];
  @ApiProperty({ enum: CLASSIFICATIONS }) classification!: Brief['classification'];
  @ApiProperty({ type: AudienceView }) audience!: AudienceView;
  @ApiProperty({ format: 'uuid' }) originOrganizationId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) deskId!: string | null;
  @ApiProperty({ format: 'uuid' }) authorId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the dialogue it was written for; null also when the caller may not see that dialogue' })
  dialogueId!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) publishedAt!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  /** full-text search only: how well it matches the query (higher is better) */
  @ApiPropertyOptional({ description: 'full-text search only: how well it matches the query (higher is better)' }) rank?: number;
}

/** `visible`: the dialogues the caller may see, of those the briefs refer to (visibleDialogueIds). */
export function briefView(brief: Brief, visible: ReadonlySet<string>, rank?: number): BriefView {
  return {
    id: brief.id,
    title: brief.title,
    body: brief.body,
    language: brief.language,
    countries: brief.countries,
    region: brief.region,
    themes: brief.themes,
    ...classifiedOfBrief(brief),
    deskId: brief.deskId,
    dialogueId: brief.dialogueId && visible.has(brief.dialogueId) ? brief.dialogueId : null,
    version: brief.version,
    publishedAt: brief.createdAt.toISOString(),
    createdAt: brief.createdAt.toISOString(),
    updatedAt: brief.updatedAt.toISOString(),
    ...(rank !== undefined ? { rank } : {}),
  };
}

export function classifiedOfBrief(brief: Brief): ClassifiedFields {
  return {
    classification: brief.classification,
    audience: { organizations: brief.audienceOrganizations, officers: brief.audienceOfficers },
    originOrganizationId: brief.originOrganizationId,
    authorId: brief.authorId,
  };
}

const SUMMARY_LENGTH = 280;

/** What brief events carry: everything but the body, of which an excerpt (ARCHITECTURE.md: events carry what consumers need). */
export function briefState(brief: Brief): BriefState {
  return {
    briefId: brief.id,
    title: brief.title,
    summary: summaryOf(brief.body),
    language: brief.language,
    countries: brief.countries,
    ...(brief.region ? { region: brief.region } : {}),
    themes: brief.themes,
    ...(brief.deskId ? { deskId: brief.deskId } : {}),
    ...(brief.dialogueId ? { dialogueId: brief.dialogueId } : {}),
    publishedAt: brief.createdAt.toISOString(),
    ...classifiedOfBrief(brief),
  };
}

/**
 * The body on one line, its whitespace runs made one space, clipped to SUMMARY_LENGTH with an
 * ellipsis. Only as much of the body as the summary needs is collapsed: bodies run to 100,000
 * characters, and copying all of one for a 280-character summary would be garbage for nothing.
 */
export function summaryOf(body: string): string {
  for (let head = 4 * SUMMARY_LENGTH; ; head *= 4) {
    const whole = head >= body.length;
    const collapsed = (whole ? body : body.slice(0, head)).replace(/\s+/g, ' ').trimStart();
    // A head cut inside a whitespace run ends in one space that the whole body might not have:
    // one character more than the summary keeps is enough to know the body is longer.
    if (whole || collapsed.length > SUMMARY_LENGTH + 1) {
      const line = whole ? collapsed.trimEnd() : collapsed;
      return line.length > SUMMARY_LENGTH ? `${line.slice(0, SUMMARY_LENGTH - 1)}…` : line;
    }
  }
}
