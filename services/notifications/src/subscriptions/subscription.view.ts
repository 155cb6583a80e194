import { ApiProperty } from '@nestjs/swagger';
import type { NotificationPreferences } from './preferences.entity';
import type { Subscription } from './subscription.entity';

class SubscriptionFiltersView {
  @ApiProperty({ type: [String] }) eventTypes!: string[];
  @ApiProperty({ type: [String], format: 'uuid' }) organizations!: string[];
  @ApiProperty({ type: [String] }) countries!: string[];
  @ApiProperty({ type: [String] }) regions!: string[];
  @ApiProperty({ type: [String] }) themes!: string[];
  @ApiProperty() concerningMe!: boolean;
}

export class SubscriptionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: SubscriptionFiltersView }) filters!: SubscriptionFiltersView;
  @ApiProperty({ type: [String] }) channels!: string[];
  @ApiProperty({ description: 'immediate or daily' }) frequency!: string;
  @ApiProperty() isDefault!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export function subscriptionView(s: Subscription): SubscriptionView {
  return {
    id: s.id,
    filters: {
      eventTypes: s.eventTypes,
      organizations: s.organizations,
      countries: s.countries,
      regions: s.regions,
      themes: s.themes,
      concerningMe: s.concerningMe,
    },
    channels: s.channels,
    frequency: s.frequency,
    isDefault: s.isDefault,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

export class PreferencesView {
  @ApiProperty({ type: String, nullable: true, description: 'IANA time zone, e.g. Africa/Addis_Ababa; null when the officer never chose one (the digest then takes UTC)' })
  timezone!: string | null;
  @ApiProperty({ description: 'local hour (0–23) of the daily digest' }) digestHour!: number;
}

export function preferencesView(p: NotificationPreferences): PreferencesView {
  return { timezone: p.timezone, digestHour: p.digestHour };
}
