import { ApiProperty } from '@nestjs/swagger';
import { ORGANIZATION_KINDS, REGIONS } from '@liaison/contracts';
import type { OrganizationState } from '@liaison/contracts';
import { Organization } from './organization.entity';

export class OrganizationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() acronym!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ORGANIZATION_KINDS }) kind!: Organization['kind'];
  @ApiProperty({ enum: REGIONS }) region!: Organization['region'];
  @ApiProperty({ type: [String] }) memberStates!: string[];
  @ApiProperty() chapterVIII!: boolean;
  @ApiProperty({ type: String, nullable: true }) website!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
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
