import { ApiProperty } from '@nestjs/swagger';
import { MILESTONE_STATUSES } from '@liaison/contracts';
import type { MilestoneState } from '@liaison/contracts';
import type { Programme } from '../programme/programme.entity';
import { classifiedOfProgramme } from '../programme/programme.view';
import { Milestone } from './milestone.entity';

export class MilestoneView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) programmeId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ format: 'date' }) dueOn!: string;
  @ApiProperty({ enum: MILESTONE_STATUSES }) status!: Milestone['status'];
  @ApiProperty({ type: String, format: 'date', nullable: true }) completedOn!: string | null;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ format: 'uuid' }) authorId!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export function milestoneView(milestone: Milestone): MilestoneView {
  return {
    id: milestone.id,
    programmeId: milestone.programmeId,
    title: milestone.title,
    description: milestone.description,
    dueOn: milestone.dueOn,
    status: milestone.status,
    completedOn: milestone.completedOn,
    note: milestone.note,
    authorId: milestone.authorId,
    version: milestone.version,
    createdAt: milestone.createdAt.toISOString(),
    updatedAt: milestone.updatedAt.toISOString(),
  };
}

/** What every milestone event carries: the milestone, and its programme's classification, partner and title. */
export function milestoneState(
  milestone: Pick<Milestone, 'id' | 'title' | 'dueOn' | 'status'>,
  programme: Programme,
  followers: string[],
  changedBy: string | null,
): MilestoneState {
  return {
    milestoneId: milestone.id,
    programmeId: programme.id,
    programmeTitle: programme.title,
    partnerOrganizationId: programme.partnerOrganizationId,
    title: milestone.title,
    dueOn: milestone.dueOn,
    status: milestone.status,
    ...classifiedOfProgramme(programme),
    followers,
    ...(changedBy ? { changedBy } : {}),
  };
}
