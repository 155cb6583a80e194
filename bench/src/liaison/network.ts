import { COUNTRIES, REGIONS, THEMES } from '@liaison/contracts';

/**
 * The partnership network the bench seeds, and who follows what, drawn from a seeded random
 * generator so every run has the same network:
 * - `organizations` organizations (the UN one included), `desksPerOrganization` desks each;
 * - `subscribers` officers spread over the organizations and desks, each with
 *   · a subscription to one "crowd" country: every crowd country has exactly `fanout` subscribers,
 *     so a brief about it fans out to `fanout` inboxes (the fan-out series);
 *   · a subscription to one or two random themes (briefs of the bench carry no theme, so these
 *     never match: they make the matching query scan a realistic table);
 *   · for the first `soloCountries.length` officers, a subscription to a "solo" country of their
 *     own: a brief about it reaches exactly one inbox (the briefs series, as the bare pipeline's
 *     one row per event);
 * - `posters` more officers, without subscriptions, who post the briefs (the author is never
 *   notified of their own brief).
 * - `programmes` programmes (none unless asked), each launched by a poster for their own
 *   organization with two focus areas and one milestone: theme subscriptions match them.
 * Briefs are green (every officer of a registered organization may see them).
 */
export interface NetworkPlan {
  organizations: number;
  desksPerOrganization: number;
  subscribers: number;
  posters: number;
  fanout: number;
  programmes: number;
  crowdCountries: string[];
  soloCountries: string[];
  /** subscriber index → crowd country, solo country (or undefined), themes */
  follows: Array<{ crowd: string; solo?: string; themes: string[] }>;
}

export function planNetwork(size: { organizations: number; desksPerOrganization: number; subscribers: number; posters: number; fanout: number; solo: number; programmes: number }): NetworkPlan {
  const random = mulberry32(20261129);
  const shuffled = [...COUNTRIES].sort(() => random() - 0.5);
  const crowdCount = Math.max(1, Math.floor(size.subscribers / size.fanout));
  const crowdCountries = shuffled.slice(0, crowdCount);
  const soloCountries = shuffled.slice(crowdCount, crowdCount + Math.min(size.solo, size.subscribers, shuffled.length - crowdCount));
  // exactly `fanout` subscribers per crowd country, in a random order
  const crowdOf = Array.from({ length: size.subscribers }, (_, i) => crowdCountries[i % crowdCount]).sort(() => random() - 0.5);
  const follows = crowdOf.map((crowd, i) => ({
    crowd,
    solo: soloCountries[i],
    themes: [...new Set([THEMES[Math.floor(random() * THEMES.length)], THEMES[Math.floor(random() * THEMES.length)]])],
  }));
  return { ...size, crowdCountries, soloCountries, follows };
}

export const regionOf = (index: number) => REGIONS[index % (REGIONS.length - 1)]; // not 'global'

/** A small fast seeded generator (public domain), so the network is the same on every run. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
