import type { OrganizationState } from '@liaison/contracts';
import { Organization } from './organization.entity';

export interface OrganizationView {
  id: string;
  acronym: string;
  name: string;
  kind: Organization['kind'];
  region: Organization['region'];
  memberStates: string[];
  chapterVIII: boolean;
  website: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function organizationView(organization: Organization): OrganizationView {
  return {
    id: organization.id,
    acronym: organization.acronym,
    name: organization.name,
    kind: organization.kind,
    region: organization.region,
    memberStates: organization.memberStates,
    chapterVIII: organization.chapterVIII,
    website: organization.website,
    version: organization.version,
    createdAt: organization.createdAt.toISOString(),
    updatedAt: organization.updatedAt.toISOString(),
  };
}

/** What organization events carry: the whole entry, so read models never call back. */
export function organizationState(organization: Organization): OrganizationState {
  return {
    organizationId: organization.id,
    acronym: organization.acronym,
    name: organization.name,
    kind: organization.kind,
    region: organization.region,
    memberStates: organization.memberStates,
    chapterVIII: organization.chapterVIII,
    ...(organization.website ? { website: organization.website } : {}),
  };
}
