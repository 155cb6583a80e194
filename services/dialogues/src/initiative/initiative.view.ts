import type { InitiativeState } from '@liaison/contracts';
import type { ClassifiedFields } from '@liaison/kit';
import { Initiative } from './initiative.entity';

export interface InitiativeView {
  id: string;
  title: string;
  leadOrganizationId: string;
  supporting: string[];
  countries: string[];
  kind: Initiative['kind'];
  status: Initiative['status'];
  classification: Initiative['classification'];
  audience: { organizations: string[]; officers: string[] };
  originOrganizationId: string;
  authorId: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function initiativeView(initiative: Initiative): InitiativeView {
  return {
    id: initiative.id,
    title: initiative.title,
    leadOrganizationId: initiative.leadOrganizationId,
    supporting: initiative.supporting,
    countries: initiative.countries,
    kind: initiative.kind,
    status: initiative.status,
    ...classifiedOfInitiative(initiative),
    version: initiative.version,
    createdAt: initiative.createdAt.toISOString(),
    updatedAt: initiative.updatedAt.toISOString(),
  };
}

/** The lead organization is the origin. */
export function classifiedOfInitiative(initiative: Initiative): ClassifiedFields {
  return {
    classification: initiative.classification,
    audience: { organizations: initiative.audienceOrganizations, officers: initiative.audienceOfficers },
    originOrganizationId: initiative.leadOrganizationId,
    authorId: initiative.authorId,
  };
}

export function initiativeState(initiative: Initiative): InitiativeState {
  return {
    initiativeId: initiative.id,
    title: initiative.title,
    leadOrganizationId: initiative.leadOrganizationId,
    supporting: initiative.supporting,
    countries: initiative.countries,
    kind: initiative.kind,
    status: initiative.status,
    ...classifiedOfInitiative(initiative),
  };
}
