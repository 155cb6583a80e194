import type { OfficerState } from '@liaison/contracts';
import { Officer } from './officer.entity';
import { EmailScope, seesEmail } from '../registry/registry-permissions';

/** Never the password or its hash; the e-mail address only for those who may read it (RegistryPermissions.emailScope). */
export interface OfficerView {
  id: string;
  organizationId: string;
  deskId: string | null;
  email?: string;
  name: string;
  language: Officer['language'];
  roles: Officer['roles'];
  leftAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function officerView(officer: Officer, scope: EmailScope = { all: true, organizationId: null }): OfficerView {
  return {
    id: officer.id,
    organizationId: officer.organizationId,
    deskId: officer.deskId,
    ...(seesEmail(scope, officer.organizationId) ? { email: officer.email } : {}),
    name: officer.name,
    language: officer.language,
    roles: officer.roles,
    leftAt: officer.leftAt?.toISOString() ?? null,
    version: officer.version,
    createdAt: officer.createdAt.toISOString(),
    updatedAt: officer.updatedAt.toISOString(),
  };
}

export function officerState(officer: Officer): OfficerState {
  return {
    officerId: officer.id,
    organizationId: officer.organizationId,
    ...(officer.deskId ? { deskId: officer.deskId } : {}),
    email: officer.email,
    name: officer.name,
    language: officer.language,
    roles: officer.roles,
  };
}
