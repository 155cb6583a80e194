import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isAdmin, isUnAdmin, MaybeViewer } from '@liaison/auth';
import { Forbidden } from '@liaison/http';

/**
 * API.md: an admin of the UN organization administers the whole registry; an admin of another
 * organization manages its own desks and officers.
 */
@Injectable()
export class RegistryPermissions {
  private unId: string | undefined;

  constructor(private readonly dataSource: DataSource) {}

  async assertUnAdmin(viewer: MaybeViewer, action: string): Promise<void> {
    if (!isUnAdmin(viewer, await this.unOrganizationId())) {
      throw new Forbidden('un-admin-only', `Only an administrator of the UN organization may ${action}.`);
    }
  }

  async isUnAdmin(viewer: MaybeViewer): Promise<boolean> {
    return isUnAdmin(viewer, await this.unOrganizationId());
  }

  async assertAdministers(viewer: MaybeViewer, organizationId: string, action: string): Promise<void> {
    if (!(await this.administers(viewer, organizationId))) {
      throw new Forbidden('admin-only', `Only an administrator of this organization or of the UN may ${action}.`);
    }
  }

  async administers(viewer: MaybeViewer, organizationId: string): Promise<boolean> {
    if (!isAdmin(viewer)) return false;
    return viewer.organizationId === organizationId || isUnAdmin(viewer, await this.unOrganizationId());
  }

  /**
   * Whose e-mail addresses a viewer may read: every officer's for a UN officer (the UN administers
   * the registry and convenes its partners), else its own organization's only, admins included (an
   * admin manages its own organization's officers); an officer of another organization is seen by
   * name and desk.
   */
  async emailScope(viewer: MaybeViewer): Promise<EmailScope> {
    if (viewer === null) return { all: false, organizationId: null };
    return { all: viewer.organizationId === (await this.unOrganizationId()), organizationId: viewer.organizationId };
  }

  /**
   * The UN organization's id ('' before the first start): data, created at first start; it never
   * changes once there, as its kind and acronym are kept (OrganizationsService).
   */
  async unOrganizationId(): Promise<string> {
    if (!this.unId) {
      const [row] = await this.dataSource.query(
        `SELECT id FROM organizations WHERE kind = 'united-nations' AND lower(acronym) = 'un' LIMIT 1`,
      );
      if (!row) return '';
      this.unId = row.id as string;
    }
    return this.unId;
  }
}

export interface EmailScope {
  all: boolean;
  organizationId: string | null;
}

export function seesEmail(scope: EmailScope, organizationId: string): boolean {
  return scope.all || scope.organizationId === organizationId;
}
