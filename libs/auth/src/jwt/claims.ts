import type { JWTPayload } from 'jose';
import { isRole, type Viewer } from '../viewer';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The claims Liaison puts in a token, beyond the registered ones (`sub` is the officer id). */
export interface LiaisonClaims {
  org: string;
  roles: string[];
}

/**
 * The viewer a verified token speaks for, or why it speaks for none. Ids must be UUIDs because
 * they go straight into SQL parameters of uuid type; unknown roles are refused, not dropped, so
 * that a misconfigured identity provider shows at once.
 */
export function viewerFromClaims(payload: JWTPayload): Viewer | { problem: string } {
  const { sub, org, roles } = payload as JWTPayload & Partial<LiaisonClaims>;
  if (typeof sub !== 'string' || !UUID.test(sub)) return { problem: 'sub must be an officer id (UUID)' };
  if (typeof org !== 'string' || !UUID.test(org)) return { problem: 'org must be an organization id (UUID)' };
  if (!Array.isArray(roles) || !roles.every(isRole)) return { problem: 'roles must be a list of officer, admin' };
  return { officerId: sub.toLowerCase(), organizationId: org.toLowerCase(), roles: [...new Set(roles)] };
}
