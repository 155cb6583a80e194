import type { ChangeReach } from '@liaison/kit';

/** The registry is shared with every partner organization's officers, never the public. */
export function registryReach(organizationId: string): ChangeReach {
  return { classification: 'green', originOrganizationId: organizationId };
}
