// The shapes of the services' replies. Organizations and dialogues (like training and
// capacity-building) declare their replies in their OpenAPI documents, so their types are the
// generated ones; notifications does not yet, so its follow its views
// (services/notifications/src/**/*.view.ts) until its document describes them.
import type { components as Dialogues } from './generated/dialogues';
import type { components as Organizations } from './generated/organizations';

export type Classification = NonNullable<Dialogues['schemas']['PublishBriefDto']['classification']>;
export type Language = NonNullable<Dialogues['schemas']['PublishBriefDto']['language']>;
export type Theme = NonNullable<Dialogues['schemas']['PublishBriefDto']['themes']>[number];
export type Region = NonNullable<Dialogues['schemas']['PublishBriefDto']['region']>;
export type RecommendationStatus = Dialogues['schemas']['ChangeStatusDto']['status'];
export type DialogueKind = NonNullable<Dialogues['schemas']['ScheduleDialogueDto']['kind']>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Audience {
  organizations: string[];
  officers: string[];
}

// organizations declares its replies: the generated types
export type OrganizationView = Organizations['schemas']['OrganizationView'];
export type DeskView = Organizations['schemas']['DeskView'];
export type OfficerView = Organizations['schemas']['OfficerView'];

// dialogues declares its replies: the generated types
export type BriefView = Dialogues['schemas']['BriefView'];
export type DialogueView = Dialogues['schemas']['DialogueView'];
export type StatusChangeView = Dialogues['schemas']['StatusChangeView'];
export type RecommendationView = Dialogues['schemas']['RecommendationView'];
export type InitiativeView = Dialogues['schemas']['InitiativeView'];

export interface NotificationView {
  id: string;
  eventId: string;
  type: string;
  title: string;
  summary: string;
  link: string;
  classification: Classification;
  language: Language;
  createdAt: string;
  readAt: string | null;
}

export interface SubscriptionView {
  id: string;
  filters: { eventTypes: string[]; organizations: string[]; countries: string[]; regions: string[]; themes: string[]; concerningMe: boolean };
  channels: string[];
  frequency: 'immediate' | 'daily';
  isDefault: boolean;
}

export interface PreferencesView {
  timezone: string;
  digestHour: number;
}
