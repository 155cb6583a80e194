// The shapes of the services' replies. Their OpenAPI documents type the requests (used through
// the generated clients) but not yet the reply bodies, so these follow each service's view
// (services/*/src/**/*.view.ts); once the documents describe replies, these give way to them.
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

export interface BriefView {
  id: string;
  title: string;
  body: string;
  language: Language;
  countries: string[];
  region: Region | null;
  themes: Theme[];
  classification: Classification;
  audience: Audience;
  originOrganizationId: string;
  deskId: string | null;
  authorId: string;
  dialogueId: string | null;
  publishedAt: string;
  withdrawnAt?: string | null;
  status?: string;
  rank?: number;
}

export interface DialogueView {
  id: string;
  kind: DialogueKind;
  title: string;
  participants: string[];
  convenorOrganizationId: string;
  startsAt: string;
  endsAt: string | null;
  location: string | null;
  agenda: string[];
  status: 'scheduled' | 'held' | 'cancelled';
  outcome: { summary: string; heldOn: string } | null;
  classification: Classification;
  audience: Audience;
  originOrganizationId: string;
}

export interface StatusChangeView {
  status: RecommendationStatus;
  previousStatus: RecommendationStatus | null;
  note: string | null;
  changedBy: string;
  changedByOrganizationId: string;
  changedAt: string;
}

export interface RecommendationView {
  id: string;
  dialogueId: string;
  text: string;
  owners: string[];
  dueOn: string | null;
  status: RecommendationStatus;
  overdue: boolean;
  createdAt: string;
  history: StatusChangeView[];
}

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
