import type { RecommendationStatus } from '@liaison/contracts';

/** A recommendation is followed until it is implemented or dropped; after that it no longer moves. */
export const CLOSED_STATUSES: readonly RecommendationStatus[] = ['implemented', 'dropped'];
export const OPEN_STATUSES: readonly RecommendationStatus[] = ['proposed', 'agreed', 'in-progress'];

export function isOpen(status: RecommendationStatus): boolean {
  return !CLOSED_STATUSES.includes(status);
}

/** Today in UTC, as `YYYY-MM-DD`: the day the SQL side (`OVERDUE_SQL`) compares due dates with. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** `dueOn` passed and not implemented or dropped. */
export function isOverdue(recommendation: { dueOn: string | null; status: RecommendationStatus }, now: Date = new Date()): boolean {
  return recommendation.dueOn !== null && recommendation.dueOn < todayUtc(now) && isOpen(recommendation.status);
}

/** The same rule in SQL, for a recommendations table aliased `alias`. */
export function overdueSql(alias: string): string {
  return `(${alias}.due_on < (now() AT TIME ZONE 'UTC')::date AND ${alias}.status NOT IN ('implemented', 'dropped'))`;
}
