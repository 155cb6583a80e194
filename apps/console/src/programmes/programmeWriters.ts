import type { OrganizationView } from '../api/views';
import { useSession } from '../auth/SessionProvider';
import { useOrganizations } from '../common/registry';

/**
 * Who writes to a programme and its milestones, as the service decides (capacity-building's
 * ProgrammeWriters): officers of its partner organization or of the UN. A partner is never the UN
 * itself, so a UN officer launches with any other organization and anyone else with their own.
 */
export function useProgrammeWriters() {
  const organizations = useOrganizations();
  const { session } = useSession();
  const own = organizations.data?.find((organization) => organization.id === session?.organizationId);
  const ofUn = own?.kind === 'united-nations';
  return {
    writesTo: (partnerOrganizationId: string) => ofUn || partnerOrganizationId === session?.organizationId,
    /** the organizations a programme launched by this officer may take as partner (none until the registry is read) */
    partners: (): OrganizationView[] => (ofUn ? (organizations.data ?? []).filter((organization) => organization.kind !== 'united-nations') : own ? [own] : []),
  };
}
