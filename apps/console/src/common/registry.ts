import { useQuery } from '@tanstack/react-query';
import { allPages, organizationsApi, page, unwrap } from '../api/client';
import type { DeskView, OfficerView, OrganizationView, Page } from '../api/views';

// The registry resolves ids to names and fills pickers: each list is read to its last page, so
// no name is missing (a missing one would show an id).

/** Every registered organization. */
export function useOrganizations() {
  return useQuery({
    queryKey: ['organizations'],
    staleTime: 5 * 60_000,
    queryFn: () =>
      allPages((cursor) => unwrap<Page<OrganizationView>>(organizationsApi.GET('/api/v1/organizations', { params: { query: { ...page(200, cursor) } } }))),
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
      allPages((cursor) =>
        unwrap<Page<OfficerView>>(
          organizationsApi.GET('/api/v1/officers', { params: { query: { ...(organizationId ? { organizationId } : {}), ...page(200, cursor) } } }),
        ),
      ),
  });
}

export function useDesks(organizationId?: string) {
  return useQuery({
    queryKey: ['desks', organizationId ?? 'all'],
    queryFn: () =>
      allPages((cursor) =>
        unwrap<Page<DeskView>>(organizationsApi.GET('/api/v1/desks', { params: { query: { ...(organizationId ? { organizationId } : {}), ...page(200, cursor) } } })),
      ),
  });
}
