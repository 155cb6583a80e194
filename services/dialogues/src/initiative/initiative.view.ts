import { ApiProperty } from '@nestjs/swagger';
import { CLASSIFICATIONS, INITIATIVE_KINDS, INITIATIVE_STATUSES } from '@liaison/contracts';
import { AudienceView } from '@liaison/http';
import type { InitiativeState } from '@liaison/contracts';
import type { ClassifiedFields } from '@liaison/kit';
import { Initiative } from './initiative.entity';

export class InitiativeView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'uuid' }) leadOrganizationId!: string;
  @ApiProperty({ type: [String], format: 'uuid' }) supporting!: string[];
  @ApiProperty({ type: [String] }) countries!: string[];
  @ApiProperty({ enum: INITIATIVE_KINDS }) kind!: Initiative['kind'];
  @ApiProperty({ enum: INITIATIVE_STATUSES }) status!: Initiative['status'];
  @ApiProperty({ enum: CLASSIFICATIONS }) classification!: Initiative['classification'];
  @ApiProperty({ type: AudienceView }) audience!: AudienceView;
  @ApiProperty({ format: 'uuid' }) originOrganizationId!: string;
  @ApiProperty({ format: 'uuid' }) authorId!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
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
