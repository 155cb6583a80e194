import { IsArray, IsIn, IsString, IsUUID, Length } from 'class-validator';
import { defineEvent } from '../envelope';
import { IsCountryCode } from '../vocabulary/countries';
import { THEMES, Theme } from '../vocabulary/domain';

/** A desk and what it follows: notifications matches subscriptions on these countries and themes. */
export class DeskState {
  @IsUUID()
  deskId: string;

  @IsUUID()
  organizationId: string;

  @IsString()
  @Length(1, 300)
  name: string;

  @IsArray()
  @IsCountryCode({ each: true })
  countries: string[];

  @IsArray()
  @IsIn(THEMES, { each: true })
  themes: Theme[];
}

export class DeskOpened extends DeskState {}

/** Carries the full new state. */
export class DeskUpdated extends DeskState {}

export class DeskClosed {
  @IsUUID()
  deskId: string;

  @IsUUID()
  organizationId: string;
}

export const DeskOpenedEvent = defineEvent({
  service: 'organizations',
  aggregate: 'desk',
  verb: 'opened',
  payload: DeskOpened,
  description: 'An organization opened a desk following some countries and themes.',
});

export const DeskUpdatedEvent = defineEvent({
  service: 'organizations',
  aggregate: 'desk',
  verb: 'updated',
  payload: DeskUpdated,
  description: 'A desk changed its name, countries or themes; the payload is its full new state.',
});

export const DeskClosedEvent = defineEvent({
  service: 'organizations',
  aggregate: 'desk',
  verb: 'closed',
  payload: DeskClosed,
  description: 'A desk was closed; its officers stay in their organization without a desk.',
});
