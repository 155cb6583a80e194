import type { Session } from '../api/session';

/**
 * An officer of the record's origin organization (a brief's author's, a dialogue's convenor's):
 * the only one who changes who may read it, as the services decide.
 */
export function ofOriginOrganization(record: { originOrganizationId: string }, session: Session | null | undefined): boolean {
  return !!session && record.originOrganizationId === session.organizationId;
}
