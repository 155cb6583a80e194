import type { NotificationPreferences } from './preferences.entity';
import type { Subscription } from './subscription.entity';

export interface SubscriptionView {
  id: string;
  filters: { eventTypes: string[]; organizations: string[]; countries: string[]; regions: string[]; themes: string[]; concerningMe: boolean };
  channels: string[];
  frequency: string;
  isDefault: boolean;
  createdAt: string;
  updatedAt: string;
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

export interface PreferencesView {
  timezone: string;
  digestHour: number;
}

export function preferencesView(p: NotificationPreferences): PreferencesView {
  return { timezone: p.timezone, digestHour: p.digestHour };
}
