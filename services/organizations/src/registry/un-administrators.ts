import { Injectable } from '@nestjs/common';
import type { Viewer } from '@liaison/auth';
import { UnAdministrators } from '@liaison/kit';
import { RegistryPermissions } from './registry-permissions';

/** The organizations service answers who the UN admins are from the registry it keeps. */
@Injectable()
export class RegistryAdministrators extends UnAdministrators {
  constructor(private readonly permissions: RegistryPermissions) {
    super();
  }

  isUnAdmin(viewer: Viewer): Promise<boolean> {
    return this.permissions.isUnAdmin(viewer);
  }
}
