import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isAdmin, type Viewer } from '@liaison/auth';

/**
 * Who administers the whole network: the admins of the UN organization. A service with the
 * registry read model answers from it; the organizations service provides its own answer from
 * the registry itself.
 */
export abstract class UnAdministrators {
  abstract isUnAdmin(viewer: Viewer): Promise<boolean>;
}

/** The answer of a service that keeps the registry read model. */
@Injectable()
export class RegistryUnAdministrators extends UnAdministrators {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async isUnAdmin(viewer: Viewer): Promise<boolean> {
    if (!isAdmin(viewer)) return false;
    const rows = await this.dataSource.query(`SELECT 1 FROM registry_organizations WHERE id = $1 AND kind = 'united-nations'`, [viewer.organizationId]);
    return rows.length > 0;
  }
}
