import { ApiProperty } from '@nestjs/swagger';
import { CLASSIFICATIONS, PROGRAMME_SCOPES, PROGRAMME_STATUSES, THEMES } from '@liaison/contracts';
import { AudienceView } from '@liaison/http';
import type { ProgrammeState } from '@liaison/contracts';
import type { ClassifiedFields } from '@liaison/kit';
import { Programme } from './programme.entity';

export class Progress {
  /** milestones completed */
  @ApiProperty({ description: 'milestones completed' }) done!: number;
  @ApiProperty() total!: number;
  /** milestones past their due date and not completed */
  @ApiProperty({ description: 'milestones past their due date and not completed' }) delayed!: number;
}

export const NO_PROGRESS: Progress = { done: 0, total: 0, delayed: 0 };

export class ProgrammeView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'uuid' }) partnerOrganizationId!: string;
  @ApiProperty({ enum: PROGRAMME_SCOPES }) scope!: Programme['scope'];
  @ApiProperty({ enum: THEMES, isArray: true }) focusAreas!: Programme['focusAreas'];
  @ApiProperty({ type: String, format: 'date', nullable: true }) startsOn!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) endsOn!: string | null;
  @ApiProperty({ enum: PROGRAMME_STATUSES }) status!: Programme['status'];
  @ApiProperty({ type: String, format: 'date', nullable: true }) closedOn!: string | null;
  @ApiProperty({ enum: CLASSIFICATIONS }) classification!: Programme['classification'];
  @ApiProperty({ type: AudienceView }) audience!: AudienceView;
  @ApiProperty({ format: 'uuid' }) originOrganizationId!: string;
  @ApiProperty({ format: 'uuid' }) authorId!: string;
  @ApiProperty({ type: Progress }) progress!: Progress;
  /** whether the caller follows it */
  @ApiProperty({ description: 'whether the caller follows it' }) following!: boolean;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

/** A programme as read, with its progress and whether the reader follows it. */
export interface ProgrammeRead {
  programme: Programme;
  progress: Progress;
  following: boolean;
}

class FollowerView {
  @ApiProperty({ format: 'uuid' }) officerId!: string;
  @ApiProperty({ format: 'date-time' }) since!: string;
}

/** GET /programmes/{id}/followers: oldest first, not paged. */
export class FollowersView {
  @ApiProperty({ type: [FollowerView] }) items!: FollowerView[];
}

export function programmeView({ programme, progress, following }: ProgrammeRead): ProgrammeView {
  return {
    id: programme.id,
    title: programme.title,
    partnerOrganizationId: programme.partnerOrganizationId,
    scope: programme.scope,
    focusAreas: programme.focusAreas,
    startsOn: programme.startsOn,
    endsOn: programme.endsOn,
    status: programme.status,
    closedOn: programme.closedOn,
    ...classifiedOfProgramme(programme),
    progress,
    following,
    version: programme.version,
    createdAt: programme.createdAt.toISOString(),
    updatedAt: programme.updatedAt.toISOString(),
  };
}

export function classifiedOfProgramme(programme: Programme): ClassifiedFields {
  return {
    classification: programme.classification,
    audience: { organizations: programme.audienceOrganizations, officers: programme.audienceOfficers },
    originOrganizationId: programme.originOrganizationId,
    authorId: programme.authorId,
  };
}

/** The programme's state as its events carry it: its followers to tell, and who made the change. */
export function programmeState(programme: Programme, followers: string[], changedBy: string): ProgrammeState {
  return {
    programmeId: programme.id,
    title: programme.title,
    partnerOrganizationId: programme.partnerOrganizationId,
    scope: programme.scope,
    focusAreas: programme.focusAreas,
    ...(programme.startsOn ? { startsOn: programme.startsOn } : {}),
    ...(programme.endsOn ? { endsOn: programme.endsOn } : {}),
    status: programme.status,
    ...classifiedOfProgramme(programme),
    followers,
    changedBy,
  };
}
