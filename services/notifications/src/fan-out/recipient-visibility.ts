import { WHO_MAY_SEE, type Grant } from '@liaison/auth';

/** Where a candidate recipient's identity lives in the fan-out query (column references). */
export interface RecipientColumns {
  officerId: string;
  organizationId: string;
}

const COLUMN = /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/;
const LEVEL = /^[a-z][a-z-]*$/;

/** Where each event's classified fields live in the fan-out query (column references). */
export interface ResourceColumns {
  classification: string;
  /** uuid */
  originOrganizationId: string;
  /** uuid */
  authorId: string;
  /** uuid[] */
  audienceOrganizations: string;
  /** uuid[] */
  audienceOfficers: string;
}

/**
 * The classification rule the other way round from `visibilityPredicate`: the viewer is every row
 * of a table of recipients (officers, or webhook endpoints standing for their organization), the
 * resource every row of a table of events. Built from the same `WHO_MAY_SEE` table, one clause per
 * grant; `recipient-visibility.spec.ts` checks it agrees with `canSee` on real Postgres.
 *
 * Every grant must have a clause here (the Record type makes a new grant a compile error).
 */
const CLAUSES: Record<Grant, (r: RecipientColumns, e: ResourceColumns) => string> = {
  anyone: () => 'TRUE',
  'any-officer': () => 'TRUE',
  'origin-organization': (r, e) => `${r.organizationId} = ${e.originOrganizationId}`,
  'audience-organizations': (r, e) => `${r.organizationId} = ANY(${e.audienceOrganizations})`,
  author: (r, e) => `${r.officerId} = ${e.authorId}`,
  'audience-officers': (r, e) => `${r.officerId} = ANY(${e.audienceOfficers})`,
};

/** A record's reach as `record_reach` (under `alias`) holds it now. */
export function reachColumns(alias: string): ResourceColumns {
  return {
    classification: `${alias}.classification`,
    originOrganizationId: `${alias}.origin_organization_id`,
    authorId: `${alias}.author_id`,
    audienceOrganizations: `${alias}.audience_organizations`,
    audienceOfficers: `${alias}.audience_officers`,
  };
}

/**
 * The rule as SQL over the event's and the recipient's columns: one branch per classification of
 * `WHO_MAY_SEE`, so a row whose classification is in none (bad data) is seen by no one, as in
 * canSee. No values: only column references and the table's own level names go into the SQL.
 */
export function recipientVisibilityOver(resource: ResourceColumns, recipient: RecipientColumns): string {
  for (const reference of [...Object.values(resource), ...Object.values(recipient)]) {
    if (!COLUMN.test(reference)) throw new Error(`recipientVisibilityOver: ${JSON.stringify(reference)} is not a column reference`);
  }
  const levels = Object.entries(WHO_MAY_SEE).map(([level, grants]) => {
    if (!LEVEL.test(level)) throw new Error(`recipientVisibilityOver: ${JSON.stringify(level)} is not a classification`);
    const clauses = grants.map((grant) => CLAUSES[grant](recipient, resource));
    return `(${resource.classification} = '${level}' AND (${clauses.join(' OR ') || 'FALSE'}))`;
  });
  return `(${levels.join(' OR ') || 'FALSE'})`;
}
