import { useQuery } from '@tanstack/react-query';
import { organizationsApi, page, unwrap } from '../api/client';
import type { DeskView, OfficerView, OrganizationView, Page } from '../api/views';

/** Every registered organization (a registry is tens of them, one page). */
export function useOrganizations() {
  return useQuery({
    queryKey: ['organizations'],
    staleTime: 5 * 60_000,
    queryFn: () => unwrap<Page<OrganizationView>>(organizationsApi.GET('/api/v1/organizations', { params: { query: { ...page(200) } } })),
    select: (reply) => reply.items,
  });
}

/** id → acronym, for showing ids the API returns. */
export function useOrganizationNames(): (id: string) => string {
  const { data } = useOrganizations();
  return (id) => data?.find((organization) => organization.id === id)?.acronym ?? id.slice(0, 8);
}

export function useOfficers(organizationId?: string) {
  return useQuery({
    queryKey: ['officers', organizationId ?? 'all'],
    queryFn: () =>
      unwrap<Page<OfficerView>>(
        organizationsApi.GET('/api/v1/officers', { params: { query: { ...(organizationId ? { organizationId } : {}), ...page(200) } } }),
      ),
    select: (reply) => reply.items,
  });
}

export function useDesks(organizationId?: string) {
  return useQuery({
    queryKey: ['desks', organizationId ?? 'all'],
    queryFn: () =>
      unwrap<Page<DeskView>>(organizationsApi.GET('/api/v1/desks', { params: { query: { ...(organizationId ? { organizationId } : {}), ...page(200) } } })),
    select: (reply) => reply.items,
  });
}
