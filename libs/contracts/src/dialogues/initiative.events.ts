import { IsArray, IsIn, IsString, IsUUID, Length } from 'class-validator';
import { defineEvent } from '../envelope';
import { Classified, Reclassification } from '../vocabulary/classified';
import { IsCountryCode } from '../vocabulary/countries';
import { INITIATIVE_KINDS, INITIATIVE_STATUSES, InitiativeKind, InitiativeStatus } from '../vocabulary/domain';

/** A peacemaking or crisis-diplomacy initiative led by one organization, others in support. */
export class InitiativeState extends Classified {
  @IsUUID()
  initiativeId: string;

  @IsString()
  @Length(1, 300)
  title: string;

  @IsUUID()
  leadOrganizationId: string;

  /** Organization ids in support. */
  @IsArray()
  @IsUUID('all', { each: true })
  supporting: string[];

  @IsArray()
  @IsCountryCode({ each: true })
  countries: string[];

  @IsIn(INITIATIVE_KINDS)
  kind: InitiativeKind;

  @IsIn(INITIATIVE_STATUSES)
  status: InitiativeStatus;
}

export class InitiativeLaunched extends InitiativeState {}

/** Carries the full new state. */
export class InitiativeUpdated extends InitiativeState {}

export const InitiativeLaunchedEvent = defineEvent({
  service: 'dialogues',
  aggregate: 'initiative',
  verb: 'launched',
  payload: InitiativeLaunched,
  description: 'An organization launched a peacemaking, mediation, crisis or preventive diplomacy initiative.',
});

export const InitiativeUpdatedEvent = defineEvent({
  service: 'dialogues',
  aggregate: 'initiative',
  verb: 'updated',
  payload: InitiativeUpdated,
  description: 'An initiative changed (status, supporters, countries…); the payload is its full new state.',
});

/** Its classification, audience, origin or author changed; the record's content is not repeated. */
export class InitiativeReclassified extends Reclassification {
  @IsUUID()
  initiativeId: string;
}

export const InitiativeReclassifiedEvent = defineEvent({
  service: 'dialogues',
  aggregate: 'initiative',
  verb: 'reclassified',
  payload: InitiativeReclassified,
  description: 'An initiative changed who may see it (classification, audience, origin or author); consumers apply the new reach to what they already show or still have to send.',
});
