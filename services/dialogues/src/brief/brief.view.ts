import type { BriefState } from '@liaison/contracts';
import type { ClassifiedFields } from '../classified/classified-record';
import { Brief } from './brief.entity';

export interface BriefView {
  id: string;
  title: string;
  body: string;
  language: Brief['language'];
  countries: string[];
  region: Brief['region'];
  themes: Brief['themes'];
  classification: Brief['classification'];
  audience: { organizations: string[]; officers: string[] };
  originOrganizationId: string;
  deskId: string | null;
  authorId: string;
  dialogueId: string | null;
  version: number;
  publishedAt: string;
  createdAt: string;
  updatedAt: string;
  /** full-text search only: how well it matches the query (higher is better) */
  rank?: number;
}

export function briefView(brief: Brief, rank?: number): BriefView {
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
    dialogueId: brief.dialogueId,
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
  const body = brief.body.replace(/\s+/g, ' ').trim();
  return {
    briefId: brief.id,
    title: brief.title,
    summary: body.length > SUMMARY_LENGTH ? `${body.slice(0, SUMMARY_LENGTH - 1)}…` : body,
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
