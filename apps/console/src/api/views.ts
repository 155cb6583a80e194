// The shapes of the services' replies. Dialogues (like training and capacity-building) declares
// its replies in its OpenAPI document, so its types are the generated ones; organizations and
// notifications do not yet, so theirs follow each service's view (services/*/src/**/*.view.ts)
// until their documents describe them.
import type { components as Dialogues } from './generated/dialogues';

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

export interface OrganizationView {
  id: string;
  acronym: string;
  name: string;
  kind: string;
  region: Region;
  memberStates: string[];
  chapterVIII: boolean;
  website: string | null;
}

export interface DeskView {
  id: string;
  organizationId: string;
  name: string;
  countries: string[];
  themes: Theme[];
  closedAt: string | null;
}

export interface OfficerView {
  id: string;
  organizationId: string;
  deskId: string | null;
  email: string;
  name: string;
  language: Language;
  roles: string[];
  leftAt: string | null;
}

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
