import { CLASSIFICATIONS, Classification } from '@liaison/contracts';
import { Officer, Organization, RegistryEvents } from './registry-events';

// The visibility matrices' cast and expectations: records made by an AU officer for the UN as
// audience organization and one EU officer by name. The table is written out by hand from
// ARCHITECTURE.md ("Who may see what"), not computed with libs/auth, so a service's own rule is
// checked against the document rather than against itself.

export type Viewer = 'the author' | 'an officer of the origin organization' | 'an officer of the audience organization'
  | 'an officer of another partner organization' | 'the named officer' | 'another officer';

export const SEES: Record<Classification, Record<Viewer, boolean>> = {
  clear: { 'the author': true, 'an officer of the origin organization': true, 'an officer of the audience organization': true, 'an officer of another partner organization': true, 'the named officer': true, 'another officer': true },
  green: { 'the author': true, 'an officer of the origin organization': true, 'an officer of the audience organization': true, 'an officer of another partner organization': true, 'the named officer': true, 'another officer': true },
  amber: { 'the author': true, 'an officer of the origin organization': true, 'an officer of the audience organization': true, 'an officer of another partner organization': false, 'the named officer': false, 'another officer': false },
  'amber-strict': { 'the author': true, 'an officer of the origin organization': true, 'an officer of the audience organization': false, 'an officer of another partner organization': false, 'the named officer': false, 'another officer': false },
  red: { 'the author': true, 'an officer of the origin organization': false, 'an officer of the audience organization': false, 'an officer of another partner organization': false, 'the named officer': true, 'another officer': false },
};

/** Every (level, viewer, sees) row of the table, for `it.each`. */
export const visibilityCases = CLASSIFICATIONS.flatMap((level) =>
  (Object.keys(SEES[level]) as Viewer[]).map((viewer) => [level, viewer, SEES[level][viewer]] as const),
);

export interface VisibilityCast {
  au: Organization;
  un: Organization;
  eu: Organization;
  osce: Organization;
  viewers: Record<Viewer, Officer>;
  /** The UN as organization and the named EU officer. */
  audience: { organizations: string[]; officers: string[] };
}

/** Registers the cast's organizations and one officer per kind of viewer. */
export async function registerVisibilityCast(registry: RegistryEvents): Promise<VisibilityCast> {
  const au = await registry.organization('AU');
  const un = await registry.organization('UN', 'united-nations', 'global');
  const eu = await registry.organization('EU', 'regional', 'europe');
  const osce = await registry.organization('OSCE', 'regional', 'europe');
  const viewers: Record<Viewer, Officer> = {
    'the author': await registry.officer(au),
    'an officer of the origin organization': await registry.officer(au),
    'an officer of the audience organization': await registry.officer(un),
    'an officer of another partner organization': await registry.officer(eu),
    'the named officer': await registry.officer(eu),
    'another officer': await registry.officer(osce),
  };
  return { au, un, eu, osce, viewers, audience: { organizations: [un.id], officers: [viewers['the named officer'].id] } };
}
