import { Injectable, Optional } from '@nestjs/common';
import type { Role, Viewer } from '../viewer';

/** What the registry says of an officer now. */
export interface Standing {
  organizationId: string;
  roles: readonly Role[];
  /** false once the officer left (or was deactivated) */
  active: boolean;
}

/**
 * Port: where a service learns an officer's standing. libs/registry implements it over the
 * registry read model; the organizations service over its own officers table. The kit provides
 * one to every service, so a token is honoured only while the registry agrees with it.
 */
export abstract class OfficerStanding {
  /** null when the registry does not know the officer */
  abstract standing(officerId: string): Promise<Standing | null>;
}

/**
 * Why a token no longer speaks for its officer, or null when it still does: the officer must be
 * known and active, in the token's organization, and hold every role the token names.
 */
export function staleTokenReason(viewer: Viewer, standing: Standing | null): string | null {
  if (!standing) return 'its officer is not known to the registry';
  if (!standing.active) return 'its officer has left the organization';
  if (standing.organizationId.toLowerCase() !== viewer.organizationId.toLowerCase()) return 'its officer is now registered in another organization';
  const lost = viewer.roles.filter((role) => !standing.roles.includes(role));
  if (lost.length > 0) return `its officer no longer holds the role ${lost.join(', ')}`;
  return null;
}

/** How long a standing read is reused: well under the second within which a change must bite. */
const STANDING_CACHE_MS = 500;
const CACHED_OFFICERS = 10_000;

/**
 * Checks a verified token against the officer's current standing, reusing a read that vouched
 * for it for half a second, so that an officer's burst of requests costs one lookup. Without an OfficerStanding
 * provided (a bare AuthModule, e.g. in a lib's own tests) the token alone decides.
 */
@Injectable()
export class StandingCheck {
  private readonly recent = new Map<string, { standing: Standing; until: number }>();

  constructor(@Optional() private readonly registry?: OfficerStanding) {}

  /** The reason the token is stale, or null when it still stands. */
  async staleReason(viewer: Viewer): Promise<string | null> {
    if (!this.registry) return null;
    const cached = this.recent.get(viewer.officerId);
    // a reused read only ever vouches: a refusal is always read afresh, so the new token of an
    // officer who just moved or gained a role is honoured as soon as the registry says so
    if (cached && Date.now() < cached.until && staleTokenReason(viewer, cached.standing) === null) return null;
    return staleTokenReason(viewer, await this.read(viewer.officerId));
  }

  private async read(officerId: string): Promise<Standing | null> {
    const now = Date.now();
    const standing = await this.registry!.standing(officerId);
    this.recent.delete(officerId);
    // an officer not known yet is asked again next time: the read model may learn of them any moment
    if (!standing) return null;
    if (this.recent.size >= CACHED_OFFICERS) this.recent.delete(this.recent.keys().next().value!);
    this.recent.set(officerId, { standing, until: now + STANDING_CACHE_MS });
    return standing;
  }
}
