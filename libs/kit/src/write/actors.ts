import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Viewer } from '@liaison/auth';
import { Forbidden } from '@liaison/http';
import { attempt, type Outcome } from '@liaison/persistence';
import { RegistryReplica, type RegistryOfficer } from '@liaison/registry';

/** The caller of a write, as the registry read model knows them: organization and desk. */
export interface Actor extends Viewer {
  deskId: string | null;
}

/**
 * Writes are made by officers this service knows (from the organizations events), in the
 * organization their token names. A token for an officer who left, or whose organization
 * differs from the registry's, writes nothing.
 */
@Injectable()
export class Actors {
  constructor(private readonly registry: RegistryReplica) {}

  async of(viewer: Viewer, manager?: EntityManager): Promise<Actor> {
    return actorOf(viewer, await this.registry.officer(viewer.officerId, manager));
  }

  /** The callers of a batch of writes, in one query: each an actor, or the refusal of its write. */
  async ofAll(viewers: readonly Viewer[], manager?: EntityManager): Promise<Outcome<Actor>[]> {
    const officers = await this.registry.officers(viewers.map((viewer) => viewer.officerId), manager);
    return viewers.map((viewer) => attempt(() => actorOf(viewer, officers.get(viewer.officerId.toLowerCase()) ?? null)));
  }
}

function actorOf(viewer: Viewer, officer: RegistryOfficer | null): Actor {
  if (!officer || officer.left || !officer.email) {
    throw new Forbidden('unknown-actor', 'Your officer record is not known to this service yet (or you left your organization), so it records nothing on your behalf.');
  }
  if (officer.organizationId.toLowerCase() !== viewer.organizationId.toLowerCase()) {
    throw new Forbidden('unknown-actor', 'Your token names another organization than the registry does.');
  }
  return { ...viewer, deskId: officer.deskId };
}
