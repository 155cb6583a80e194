import type { Audience, Classification } from '@liaison/contracts';
import type { Viewer } from '../viewer';

/** What the classification rule needs to know of a brief, a dialogue, a programme or an event. */
export interface ClassifiedResource {
  classification: Classification;
  originOrganizationId: string;
  authorId: string;
  /** may be absent (an event of a level that needs none): read as empty lists */
  audience?: Partial<Audience> | null;
}

/**
 * Where a resource's fields live in SQL: column references as a QueryBuilder understands them,
 * e.g. `brief.classification` (alias.property) or `b.origin_organization_id`. The audience
 * columns are `uuid[]`, NOT NULL DEFAULT '{}' (a NULL array makes `= ANY` unknown, i.e. unseen).
 */
export interface VisibilityColumns {
  classification: string;
  originOrganizationId: string;
  authorId: string;
  audienceOrganizations: string;
  audienceOfficers: string;
}

/** The SQL parameter names that stand for the viewer. */
export interface ViewerParameters {
  officerId: string;
  organizationId: string;
}

/** A reason someone may see a resource. */
export type Grant =
  | 'anyone'
  | 'any-officer'
  | 'origin-organization'
  | 'audience-organizations'
  | 'author'
  | 'audience-officers';

/**
 * Who may see what: Traffic Light Protocol 2.0, as ARCHITECTURE.md states it. This table is the
 * rule; `canSee` and `visibilityPredicate` only read it. Admins get no grant of their own: running
 * the registry is not a licence to read another organization's amber or anyone's red.
 */
export const WHO_MAY_SEE: Readonly<Record<Classification, readonly Grant[]>> = {
  clear: ['anyone'],
  green: ['any-officer'],
  amber: ['origin-organization', 'audience-organizations'],
  'amber-strict': ['origin-organization'],
  red: ['author', 'audience-officers'],
};

// uuid columns compare regardless of case; so must the in-memory reading, or the two drift.
const sameId = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
const listed = (id: string, ids: readonly string[] | undefined): boolean => (ids ?? []).some((other) => sameId(id, other));

interface GrantMeaning {
  /** true when the grant covers the public too; every other grant needs an authenticated viewer */
  public: boolean;
  /** the grant, in memory */
  holds(viewer: Viewer, resource: ClassifiedResource): boolean;
  /** the same grant, as a SQL condition; only column references and parameter names, never values */
  sql(columns: VisibilityColumns, viewer: ViewerParameters): string;
}

/**
 * Each grant's two readings side by side, so that a change to one is made next to the other
 * (and the agreement test on real Postgres catches the rest).
 */
export const GRANTS: Readonly<Record<Grant, GrantMeaning>> = {
  anyone: {
    public: true,
    holds: () => true,
    sql: () => 'TRUE',
  },
  'any-officer': {
    public: false,
    holds: () => true,
    sql: () => 'TRUE',
  },
  'origin-organization': {
    public: false,
    holds: (viewer, resource) => sameId(viewer.organizationId, resource.originOrganizationId),
    sql: (c, p) => `${c.originOrganizationId} = :${p.organizationId}`,
  },
  'audience-organizations': {
    public: false,
    holds: (viewer, resource) => listed(viewer.organizationId, resource.audience?.organizations),
    sql: (c, p) => `:${p.organizationId} = ANY(${c.audienceOrganizations})`,
  },
  author: {
    public: false,
    holds: (viewer, resource) => sameId(viewer.officerId, resource.authorId),
    sql: (c, p) => `${c.authorId} = :${p.officerId}`,
  },
  'audience-officers': {
    public: false,
    holds: (viewer, resource) => listed(viewer.officerId, resource.audience?.officers),
    sql: (c, p) => `:${p.officerId} = ANY(${c.audienceOfficers})`,
  },
};
