/**
 * The closed vocabularies of the domain (API.md). They are part of the wire contract: a value
 * added here reaches every consumer's validation, a value removed breaks stored events.
 */

/** The six official UN languages. */
export const LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

export const THEMES = [
  'conflict-prevention',
  'mediation',
  'preventive-diplomacy',
  'peacemaking',
  'peacebuilding',
  'electoral-assistance',
  'policy-organs-support',
  'peacekeeping',
  'humanitarian',
  'human-rights',
  'women-peace-security',
  'other',
] as const;
export type Theme = (typeof THEMES)[number];

export const REGIONS = ['africa', 'americas', 'asia-pacific', 'europe', 'middle-east', 'global'] as const;
export type Region = (typeof REGIONS)[number];

export const ORGANIZATION_KINDS = ['united-nations', 'regional', 'subregional', 'other'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** Roles carried in the JWT `roles` claim. */
export const ROLES = ['officer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const DIALOGUE_KINDS = ['high-level-meeting', 'retreat', 'desk-to-desk', 'staff-level', 'consultation'] as const;
export type DialogueKind = (typeof DIALOGUE_KINDS)[number];

export const RECOMMENDATION_STATUSES = ['proposed', 'agreed', 'in-progress', 'implemented', 'dropped'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

export const INITIATIVE_KINDS = ['peacemaking', 'mediation', 'crisis-diplomacy', 'preventive-diplomacy'] as const;
export type InitiativeKind = (typeof INITIATIVE_KINDS)[number];

/** API.md names an initiative `status` without listing its values; these are ours. */
export const INITIATIVE_STATUSES = ['planned', 'active', 'suspended', 'concluded'] as const;
export type InitiativeStatus = (typeof INITIATIVE_STATUSES)[number];

export const PROGRAMME_SCOPES = ['mediation', 'comprehensive'] as const;
export type ProgrammeScope = (typeof PROGRAMME_SCOPES)[number];

/** An enrolment is cancelled with its session. */
export const ENROLMENT_STATUSES = ['confirmed', 'waitlisted', 'withdrawn', 'cancelled', 'completed'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

export const DELIVERY_CHANNELS = ['email', 'webhook'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];
