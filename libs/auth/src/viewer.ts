import { ROLES, type Role } from '@liaison/contracts';

/** Roles a token may carry (the contracts' vocabulary). `admin` manages its own organization (the whole registry for the UN). */
export { ROLES, type Role };

/** The officer on whose behalf a request or a delivery runs, as the bearer token states it. */
export interface Viewer {
  officerId: string;
  organizationId: string;
  roles: Role[];
}

/**
 * The public: a request without a token, on a route marked `@Public()`. It is `null` rather than
 * a fake officer so that no comparison of ids can ever match it by accident.
 */
export const ANONYMOUS = null;
export type MaybeViewer = Viewer | null;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isAdmin(viewer: MaybeViewer): viewer is Viewer {
  return viewer !== null && viewer.roles.includes('admin');
}

/**
 * An admin of the UN organization administers the whole registry. The UN organization's id is
 * data (created at first start), so the caller passes it in.
 */
export function isUnAdmin(viewer: MaybeViewer, unOrganizationId: string): viewer is Viewer {
  return isAdmin(viewer) && viewer.organizationId === unOrganizationId;
}
