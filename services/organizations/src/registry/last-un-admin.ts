import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Conflict } from '@liaison/http';
import type { Officer } from '../officer/officer.entity';
import { RegistryPermissions } from './registry-permissions';

/**
 * The UN organization always keeps an active administrator: without one no one administers the
 * registry or any service's operations, and the first start makes none while LIAISON_ADMIN_EMAIL
 * belongs to an officer already.
 */
@Injectable()
export class LastUnAdmin {
  constructor(private readonly permissions: RegistryPermissions) {}

  /**
   * Refuses (409 `last-un-admin`, naming `field`) to take the role or the place of the UN's last
   * active administrator. `officer` is as it is now, locked in `manager`'s transaction.
   */
  async assertAnotherRemains(manager: EntityManager, officer: Officer, field: string): Promise<void> {
    if (officer.leftAt !== null || !officer.roles.includes('admin')) return;
    const un = await this.permissions.unOrganizationId();
    if (officer.organizationId !== un) return;
    // One change to the UN's administrators at a time: two admins demoting each other at once
    // would each still see the other. The row lock on the UN organization queues them.
    await manager.query(`SELECT 1 FROM organizations WHERE id = $1 FOR NO KEY UPDATE`, [un]);
    const [another] = await manager.query(
      `SELECT 1 FROM officers WHERE organization_id = $1 AND 'admin' = ANY(roles) AND left_at IS NULL AND id <> $2 LIMIT 1`,
      [un, officer.id],
    );
    if (another) return;
    throw new Conflict('last-un-admin', 'This is the last active administrator of the UN organization: make another UN officer an administrator first.', [
      { field, message: 'is the last active administrator of the UN organization', code: 'lastUnAdmin' },
    ]);
  }
}
