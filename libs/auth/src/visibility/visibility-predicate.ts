import { CLASSIFICATIONS } from '@liaison/contracts';
import type { MaybeViewer } from '../viewer';
import { GRANTS, WHO_MAY_SEE, type VisibilityColumns, type ViewerParameters } from './who-may-see';

export interface SqlPredicate {
  sql: string;
  params: Record<string, unknown>;
}

// Column references are written into the SQL, so they must be code, never input: identifiers
// (optionally quoted) joined by dots, nothing else.
const IDENTIFIER = /^(?:[A-Za-z_]\w*|"[A-Za-z_]\w*")(?:\.(?:[A-Za-z_]\w*|"[A-Za-z_]\w*"))*$/;
const PARAMETER_PREFIX = /^[A-Za-z_]\w*$/;

/**
 * The classification rule as a WHERE condition, for lists, search and counts: filtering in SQL,
 * before LIMIT, so pages are full and totals do not leak. Values travel only as named parameters
 * (`:name`, TypeORM's syntax); use it as `qb.andWhere(p.sql, p.params)`.
 *
 * `paramPrefix` keeps the parameter names apart when one query applies the rule twice (a join).
 */
export function visibilityPredicate(
  viewer: MaybeViewer,
  columns: VisibilityColumns,
  paramPrefix = 'visibility_',
): SqlPredicate {
  for (const [field, reference] of Object.entries(columns)) {
    if (!IDENTIFIER.test(reference)) {
      throw new Error(`visibilityPredicate: column ${field} must be a column reference, got ${JSON.stringify(reference)}`);
    }
  }
  if (!PARAMETER_PREFIX.test(paramPrefix)) {
    throw new Error(`visibilityPredicate: parameter prefix must be an identifier, got ${JSON.stringify(paramPrefix)}`);
  }

  const names: ViewerParameters = { officerId: `${paramPrefix}officer`, organizationId: `${paramPrefix}organization` };
  const params: Record<string, unknown> = {};
  if (viewer !== null) {
    params[names.officerId] = viewer.officerId;
    params[names.organizationId] = viewer.organizationId;
  }

  const clauses: string[] = [];
  CLASSIFICATIONS.forEach((classification, index) => {
    const meanings = WHO_MAY_SEE[classification].map((grant) => GRANTS[grant]).filter((m) => viewer !== null || m.public);
    if (meanings.length === 0) return;
    const level = `${paramPrefix}level_${index}`;
    params[level] = classification;
    const conditions = meanings.map((m) => m.sql(columns, names));
    clauses.push(
      conditions.includes('TRUE')
        ? `${columns.classification} = :${level}`
        : `(${columns.classification} = :${level} AND (${conditions.join(' OR ')}))`,
    );
  });

  return { sql: clauses.length > 0 ? `(${clauses.join(' OR ')})` : 'FALSE', params };
}
