import type { Classification } from '@liaison/contracts';
import type { ClassifiedResource, MaybeViewer } from '../src';

/**
 * The exhaustive table of who may see what, written out by hand (not derived from WHO_MAY_SEE),
 * shared by the in-memory test and the Postgres test.
 *
 * One resource per level, from the origin organization, written by `author`, with one audience
 * organization and one named officer (who belongs to another organization).
 */
export const ids = {
  origin: '00000000-0000-4000-8000-0000000000a1',
  audienceOrganization: '00000000-0000-4000-8000-0000000000a2',
  otherOrganization: '00000000-0000-4000-8000-0000000000a3',
  un: '00000000-0000-4000-8000-0000000000a4',
  author: '00000000-0000-4000-8000-0000000000b1',
  colleague: '00000000-0000-4000-8000-0000000000b2',
  audienceOrganizationOfficer: '00000000-0000-4000-8000-0000000000b3',
  otherOfficer: '00000000-0000-4000-8000-0000000000b4',
  namedOfficer: '00000000-0000-4000-8000-0000000000b5',
  unAdmin: '00000000-0000-4000-8000-0000000000b6',
};

export function resourceAt(classification: Classification): ClassifiedResource {
  return {
    classification,
    originOrganizationId: ids.origin,
    authorId: ids.author,
    audience: { organizations: [ids.audienceOrganization], officers: [ids.namedOfficer] },
  };
}

export const viewers: Record<string, MaybeViewer> = {
  'the author': { officerId: ids.author, organizationId: ids.origin, roles: ['officer'] },
  'an officer of the same organization': { officerId: ids.colleague, organizationId: ids.origin, roles: ['officer'] },
  'an officer of an audience organization': {
    officerId: ids.audienceOrganizationOfficer,
    organizationId: ids.audienceOrganization,
    roles: ['officer'],
  },
  'an officer of another organization': { officerId: ids.otherOfficer, organizationId: ids.otherOrganization, roles: ['officer'] },
  'a named officer of another organization': { officerId: ids.namedOfficer, organizationId: ids.otherOrganization, roles: ['officer'] },
  'a UN admin': { officerId: ids.unAdmin, organizationId: ids.un, roles: ['officer', 'admin'] },
  'the public (anonymous)': null,
};

type Row = Record<Classification, boolean>;
const T = true;
const F = false;

//                                                   clear  green  amber  amber-strict  red
export const expected: Record<keyof typeof viewers, Row> = {
  'the author':                                   { clear: T, green: T, amber: T, 'amber-strict': T, red: T },
  'an officer of the same organization':          { clear: T, green: T, amber: T, 'amber-strict': T, red: F },
  'an officer of an audience organization':       { clear: T, green: T, amber: T, 'amber-strict': F, red: F },
  'an officer of another organization':           { clear: T, green: T, amber: F, 'amber-strict': F, red: F },
  'a named officer of another organization':      { clear: T, green: T, amber: F, 'amber-strict': F, red: T },
  'a UN admin':                                   { clear: T, green: T, amber: F, 'amber-strict': F, red: F },
  'the public (anonymous)':                       { clear: T, green: F, amber: F, 'amber-strict': F, red: F },
};

/** [viewer name, classification, may see] for every pair. */
export const cases: Array<[string, Classification, boolean]> = Object.entries(expected).flatMap(([who, row]) =>
  (Object.entries(row) as Array<[Classification, boolean]>).map(([level, may]) => [who, level, may] as [string, Classification, boolean]),
);
