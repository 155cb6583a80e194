import type { CountryCode, DialogueKind, RecommendationStatus, Region, Theme } from '../api/views';

export const THEMES: Theme[] = [
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
];

export const REGIONS: Region[] = ['africa', 'americas', 'asia-pacific', 'europe', 'middle-east', 'global'];

export const DIALOGUE_KINDS: DialogueKind[] = ['high-level-meeting', 'retreat', 'desk-to-desk', 'staff-level', 'consultation'];

export const RECOMMENDATION_STATUSES = ['proposed', 'agreed', 'in-progress', 'implemented', 'dropped'] as const;

/** The statuses a recommendation still moves from (implemented and dropped are final). */
export const OPEN_RECOMMENDATION_STATUSES: readonly RecommendationStatus[] = ['proposed', 'agreed', 'in-progress'];

/** Country codes as an officer types them, in upper case; the service refuses one it does not know and names the field. */
export function typedCountryCodes(typed: string[]): CountryCode[] {
  return typed.map((code) => code.trim().toUpperCase()) as CountryCode[];
}
