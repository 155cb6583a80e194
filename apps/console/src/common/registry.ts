import { keepPreviousData, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { allPages, organizationsApi, page, unwrap } from '../api/client';
import type { DeskView, OfficerView, OrganizationView, Page } from '../api/views';

// The registry resolves ids to names and fills pickers: each list is read to its last page, so
// no name is missing (a missing one would show an id); officers, too many to list whole, are
// searched by name and read by id.

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

/** One organization's officers: the registry is never read whole (pickers search it by name). */
const officersOf = (organizationId: string) => ({
  queryKey: ['officers', organizationId],
  queryFn: () =>
    allPages((cursor) =>
      unwrap<Page<OfficerView>>(organizationsApi.GET('/api/v1/officers', { params: { query: { organizationId, ...page(200, cursor) } } })),
    ),
});

export function useOfficers(organizationId: string) {
  return useQuery(officersOf(organizationId));
}

const officerById = (id: string) => ({
  queryKey: ['officer', id],
  queryFn: () => unwrap<OfficerView>(organizationsApi.GET('/api/v1/officers/{id}', { params: { path: { id } } })),
  retry: false,
  staleTime: 5 * 60_000,
});

/** How many officers a search offers: the officer types more of the name or address to narrow it. */
const OFFICER_SEARCH_PAGE = 20;

/**
 * The first page of officers whose name contains `text`, or whose e-mail address does where the
 * viewer may read it (the service's `q`, whatever its case), none while it is empty; each one found
 * is remembered by id, so a picked officer keeps its name.
 */
export function useOfficerSearch(text: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: ['officers', 'found', text],
    enabled: text.length > 0,
    placeholderData: keepPreviousData,
    queryFn: async () => {
      const found = await unwrap<Page<OfficerView>>(organizationsApi.GET('/api/v1/officers', { params: { query: { q: text, ...page(OFFICER_SEARCH_PAGE) } } }));
      for (const officer of found.items) queryClient.setQueryData(officerById(officer.id).queryKey, officer);
      return found.items;
    },
  });
}

/** The given officers, each read by id unless a search has already found them; in the order given, as they arrive. */
export function useOfficersById(ids: string[]): OfficerView[] {
  const found = useQueries({ queries: ids.map(officerById) });
  return found.flatMap((officer) => (officer.data ? [officer.data] : []));
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
    queries: unlisted.map(officerById),
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
