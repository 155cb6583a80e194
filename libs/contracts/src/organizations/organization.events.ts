import { IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUrl, IsUUID, Length, MaxLength } from 'class-validator';
import { defineEvent } from '../envelope';
import { IsCountryCode } from '../vocabulary/countries';
import { ORGANIZATION_KINDS, OrganizationKind, REGIONS, Region } from '../vocabulary/domain';

/** The whole registry entry: every organization event carries it, so a read model needs no call back. */
export class OrganizationState {
  @IsUUID()
  organizationId: string;

  @IsString()
  @Length(1, 32)
  acronym: string;

  @IsString()
  @Length(1, 300)
  name: string;

  @IsIn(ORGANIZATION_KINDS)
  kind: OrganizationKind;

  @IsIn(REGIONS)
  region: Region;

  @IsArray()
  @IsCountryCode({ each: true })
  memberStates: string[];

  /** A regional arrangement under Chapter VIII of the UN Charter. */
  @IsBoolean()
  chapterVIII: boolean;

  @IsOptional()
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] })
  @MaxLength(2048)
  website?: string;
}

export class OrganizationRegistered extends OrganizationState {}

/** Carries the full new state; consumers apply it if `sequence` is newer than what they hold. */
export class OrganizationUpdated extends OrganizationState {}

export const OrganizationRegisteredEvent = defineEvent({
  service: 'organizations',
  aggregate: 'organization',
  verb: 'registered',
  payload: OrganizationRegistered,
  description: 'A partner organization (or the UN itself) joined the registry.',
});

export const OrganizationUpdatedEvent = defineEvent({
  service: 'organizations',
  aggregate: 'organization',
  verb: 'updated',
  payload: OrganizationUpdated,
  description: 'A registry entry changed; the payload is its full new state.',
});
