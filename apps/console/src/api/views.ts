// The services' replies, as their served OpenAPI documents declare them (generated), by the names
// the screens use; and the vocabulary the forms offer.
import type { components as Dialogues } from './generated/dialogues';
import type { components as Notifications } from './generated/notifications';
import type { components as Organizations } from './generated/organizations';

export type Classification = NonNullable<Dialogues['schemas']['PublishBriefDto']['classification']>;
export type Language = NonNullable<Dialogues['schemas']['PublishBriefDto']['language']>;
export type Theme = NonNullable<Dialogues['schemas']['PublishBriefDto']['themes']>[number];
export type Region = NonNullable<Dialogues['schemas']['PublishBriefDto']['region']>;
export type RecommendationStatus = Dialogues['schemas']['ChangeStatusDto']['status'];
export type DialogueKind = NonNullable<Dialogues['schemas']['ScheduleDialogueDto']['kind']>;
export type CountryCode = Dialogues['schemas']['CountryCode'];

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

// notifications declares its replies: the generated types
export type NotificationView = Notifications['schemas']['NotificationView'];
export type SubscriptionView = Notifications['schemas']['SubscriptionView'];
export type PreferencesView = Notifications['schemas']['PreferencesView'];
