import { useQueries, useQuery } from '@tanstack/react-query';
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

const officersOf = (organizationId?: string) => ({
  queryKey: ['officers', organizationId ?? 'all'],
  queryFn: () =>
    allPages((cursor) =>
      unwrap<Page<OfficerView>>(
        organizationsApi.GET('/api/v1/officers', { params: { query: { ...(organizationId ? { organizationId } : {}), ...page(200, cursor) } } }),
      ),
    ),
});

export function useOfficers(organizationId?: string) {
  return useQuery(officersOf(organizationId));
}

/**
 * id → name of the given officers: from the registry's list of each one's organization, and one by
 * one for those it does not list (who left or moved); undefined until known.
 */
export function useOfficerNames(officers: { officerId: string; organizationId: string }[]): (id: string) => string | undefined {
  const organizations = [...new Set(officers.map((officer) => officer.organizationId))];
  const lists = useQueries({ queries: organizations.map((id) => officersOf(id)) });
  const listed = new Map(lists.flatMap((list) => list.data ?? []).map((officer) => [officer.id, officer.name]));
  const unlisted = lists.every((list) => !list.isPending) ? [...new Set(officers.map((officer) => officer.officerId))].filter((id) => !listed.has(id)) : [];
  const single = useQueries({
    queries: unlisted.map((id) => ({
      queryKey: ['officer', id],
      queryFn: () => unwrap<OfficerView>(organizationsApi.GET('/api/v1/officers/{id}', { params: { path: { id } } })),
      retry: false,
    })),
  });
  for (const found of single) if (found.data) listed.set(found.data.id, found.data.name);
  return (id) => listed.get(id);
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
