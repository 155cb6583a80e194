import { WHO_MAY_SEE, type ClassifiedResource, type Grant } from '@liaison/auth';

/** Where a candidate recipient's identity lives in the fan-out query (column references). */
export interface RecipientColumns {
  officerId: string;
  organizationId: string;
}

export interface PositionalPredicate {
  sql: string;
  /** appended to the query's parameters; `$n` placeholders start at `firstIndex` */
  params: unknown[];
}

/**
 * The classification rule the other way round from `visibilityPredicate`: the resource is one
 * known event, the viewer is every row of a table of recipients (officers, or webhook endpoints
 * standing for their organization). Built from the same `WHO_MAY_SEE` table, one clause per
 * grant; `recipient-visibility.spec.ts` checks it agrees with `canSee` on real Postgres.
 *
 * Every grant must have a clause here (the Record type makes a new grant a compile error).
 */
const CLAUSES: Record<Grant, (r: RecipientColumns, resource: ClassifiedResource, param: (value: unknown) => string) => string> = {
  anyone: () => 'TRUE',
  'any-officer': () => 'TRUE',
  'origin-organization': (r, resource, param) => `${r.organizationId} = ${param(resource.originOrganizationId)}::uuid`,
  'audience-organizations': (r, resource, param) =>
    `${r.organizationId} = ANY(${param(resource.audience?.organizations ?? [])}::uuid[])`,
  author: (r, resource, param) => `${r.officerId} = ${param(resource.authorId)}::uuid`,
  'audience-officers': (r, resource, param) => `${r.officerId} = ANY(${param(resource.audience?.officers ?? [])}::uuid[])`,
};

const COLUMN = /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/;
const LEVEL = /^[a-z][a-z-]*$/;

/** Where each event's classified fields live in a fan-out query over many events (column references). */
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

const COLUMN_CLAUSES: Record<Grant, (r: RecipientColumns, e: ResourceColumns) => string> = {
  anyone: () => 'TRUE',
  'any-officer': () => 'TRUE',
  'origin-organization': (r, e) => `${r.organizationId} = ${e.originOrganizationId}`,
  'audience-organizations': (r, e) => `${r.organizationId} = ANY(${e.audienceOrganizations})`,
  author: (r, e) => `${r.officerId} = ${e.authorId}`,
  'audience-officers': (r, e) => `${r.officerId} = ANY(${e.audienceOfficers})`,
};

/**
 * The same rule with the event in columns too, for a statement that fans out many events at once:
 * one branch per classification of `WHO_MAY_SEE`, so a row whose classification is in none (bad
 * data) is seen by no one, as in canSee. No parameters: only column references and the table's
 * own level names go into the SQL. `recipient-visibility.spec.ts` holds it to canSee as well.
 */
export function recipientVisibilityOver(resource: ResourceColumns, recipient: RecipientColumns): string {
  for (const reference of [...Object.values(resource), ...Object.values(recipient)]) {
    if (!COLUMN.test(reference)) throw new Error(`recipientVisibilityOver: ${JSON.stringify(reference)} is not a column reference`);
  }
  const levels = Object.entries(WHO_MAY_SEE).map(([level, grants]) => {
    if (!LEVEL.test(level)) throw new Error(`recipientVisibilityOver: ${JSON.stringify(level)} is not a classification`);
    const clauses = grants.map((grant) => COLUMN_CLAUSES[grant](recipient, resource));
    return `(${resource.classification} = '${level}' AND (${clauses.join(' OR ') || 'FALSE'}))`;
  });
  return `(${levels.join(' OR ') || 'FALSE'})`;
}

export function recipientVisibility(resource: ClassifiedResource, columns: RecipientColumns, firstIndex: number): PositionalPredicate {
  for (const reference of Object.values(columns)) {
    if (!COLUMN.test(reference)) throw new Error(`recipientVisibility: ${JSON.stringify(reference)} is not a column reference`);
  }
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${firstIndex + params.length - 1}`;
  };
  // An unknown classification (bad data) is seen by no one, as in canSee.
  const grants = WHO_MAY_SEE[resource.classification] ?? [];
  const clauses = grants.map((grant) => CLAUSES[grant](columns, resource, param));
  if (clauses.length === 0) return { sql: 'FALSE', params };
  if (clauses.includes('TRUE')) return { sql: 'TRUE', params: [] };
  return { sql: `(${clauses.join(' OR ')})`, params };
}
