import { IsArray, IsEmail, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { defineEvent } from '../envelope';
import { LANGUAGES, Language, ROLES, Role } from '../vocabulary/domain';

/**
 * What other services need of an officer: where to write (e-mail), in which language, and the
 * organization and desk that decide what the officer may see. Never the password or its hash.
 */
export class OfficerState {
  @IsUUID()
  officerId: string;

  @IsUUID()
  organizationId: string;

  /** Absent for officers without a desk, e.g. an organization's administrators. */
  @IsOptional()
  @IsUUID()
  deskId?: string;

  @IsEmail()
  email: string;

  @IsString()
  @Length(1, 300)
  name: string;

  @IsIn(LANGUAGES)
  language: Language;

  @IsArray()
  @IsIn(ROLES, { each: true })
  roles: Role[];
}

export class OfficerJoined extends OfficerState {}

/** Carries the full new state. */
export class OfficerUpdated extends OfficerState {}

export class OfficerLeft {
  @IsUUID()
  officerId: string;

  @IsUUID()
  organizationId: string;
}

export const OfficerJoinedEvent = defineEvent({
  service: 'organizations',
  aggregate: 'officer',
  verb: 'joined',
  payload: OfficerJoined,
  description: 'A desk officer was registered in an organization.',
});

export const OfficerUpdatedEvent = defineEvent({
  service: 'organizations',
  aggregate: 'officer',
  verb: 'updated',
  payload: OfficerUpdated,
  description: 'An officer changed desk, language, roles, name or e-mail; the payload is the full new state.',
});

export const OfficerLeftEvent = defineEvent({
  service: 'organizations',
  aggregate: 'officer',
  verb: 'left',
  payload: OfficerLeft,
  description: 'An officer left; consumers stop delivering to them and drop their subscriptions.',
});
