import type { OfficerState } from '@liaison/contracts';
import { Officer } from './officer.entity';

/** Never the password or its hash. */
export interface OfficerView {
  id: string;
  organizationId: string;
  deskId: string | null;
  email: string;
  name: string;
  language: Officer['language'];
  roles: Officer['roles'];
  leftAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function officerView(officer: Officer): OfficerView {
  return {
    id: officer.id,
    organizationId: officer.organizationId,
    deskId: officer.deskId,
    email: officer.email,
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
