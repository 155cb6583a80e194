import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Forbidden } from '@liaison/http';
import type { Actor } from '@liaison/kit';

/**
 * Who writes to a programme and its milestones: officers of its partner organization or of the
 * UN (the registry's organization of kind `united-nations`). Everyone else reads, as far as the
 * classification lets them.
 */
@Injectable()
export class ProgrammeWriters {
  /** The organizations of kind `united-nations` the registry read model knows (one, normally). */
  async unOrganizations(manager: EntityManager): Promise<string[]> {
    const rows: Array<{ id: string }> = await manager.query(`SELECT id FROM registry_organizations WHERE kind = 'united-nations'`);
    return rows.map((row) => row.id.toLowerCase());
  }

  async assertMayWrite(manager: EntityManager, actor: Actor, partnerOrganizationId: string): Promise<void> {
    const organization = actor.organizationId.toLowerCase();
    if (organization === partnerOrganizationId.toLowerCase()) return;
    if ((await this.unOrganizations(manager)).includes(organization)) return;
    throw new Forbidden('not-programme-writer', 'Only officers of the partner organization or of the UN write to a programme and its milestones.');
  }
}
