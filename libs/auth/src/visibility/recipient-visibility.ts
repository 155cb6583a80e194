import { WHO_MAY_SEE, type Grant, type VisibilityColumns } from './who-may-see';

/** Where a would-be viewer's identity lives in a query (column references): an officer and their organization now. */
export interface RecipientColumns {
  officerId: string;
  organizationId: string;
}

const COLUMN = /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/;
const LEVEL = /^[a-z][a-z-]*$/;

/**
 * The classification rule the other way round from `visibilityPredicate`: the viewer is every row
 * of a table of recipients (officers, followers, or webhook endpoints standing for their
 * organization), the resource a row of a table of records or events. Built from the same
 * `WHO_MAY_SEE` table, one clause per grant; `recipient-visibility.spec.ts` checks it agrees with
 * `canSee` on real Postgres.
 *
 * Every grant must have a clause here (the Record type makes a new grant a compile error).
 */
const CLAUSES: Record<Grant, (r: RecipientColumns, e: VisibilityColumns) => string> = {
  anyone: () => 'TRUE',
  'any-officer': () => 'TRUE',
  'origin-organization': (r, e) => `${r.organizationId} = ${e.originOrganizationId}`,
  'audience-organizations': (r, e) => `${r.organizationId} = ANY(${e.audienceOrganizations})`,
  author: (r, e) => `${r.officerId} = ${e.authorId}`,
  'audience-officers': (r, e) => `${r.officerId} = ANY(${e.audienceOfficers})`,
};

/**
 * The rule as SQL over the resource's and the recipient's columns: one branch per classification
 * of `WHO_MAY_SEE`, so a row whose classification is in none (bad data) is seen by no one, as in
 * canSee. No values: only column references (uuid columns, `uuid[]` for the audience) and the
 * table's own level names go into the SQL.
 */
export function recipientVisibilityOver(resource: VisibilityColumns, recipient: RecipientColumns): string {
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
