import type { ProgrammeState } from '@liaison/contracts';
import type { ClassifiedFields } from '@liaison/kit';
import { Programme } from './programme.entity';

export interface Progress {
  /** milestones completed */
  done: number;
  total: number;
  /** milestones past their due date and not completed */
  delayed: number;
}

export const NO_PROGRESS: Progress = { done: 0, total: 0, delayed: 0 };

export interface ProgrammeView {
  id: string;
  title: string;
  partnerOrganizationId: string;
  scope: Programme['scope'];
  focusAreas: Programme['focusAreas'];
  startsOn: string | null;
  endsOn: string | null;
  status: Programme['status'];
  closedOn: string | null;
  classification: Programme['classification'];
  audience: { organizations: string[]; officers: string[] };
  originOrganizationId: string;
  authorId: string;
  progress: Progress;
  /** whether the caller follows it */
  following: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A programme as read, with its progress and whether the reader follows it. */
export interface ProgrammeRead {
  programme: Programme;
  progress: Progress;
  following: boolean;
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
