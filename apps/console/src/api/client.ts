// Typed clients for the services, generated from their OpenAPI documents (src/api/generated,
// `nx run console:generate-client`). Paths carry the base `/api/v1`, relative to the page's
// origin: the standalone mode and the proxy serve the console and the API together.
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths as OrganizationsPaths } from './generated/organizations';
import type { paths as DialoguesPaths } from './generated/dialogues';
import type { paths as NotificationsPaths } from './generated/notifications';
import type { paths as CapacityBuildingPaths } from './generated/capacity-building';
import type { paths as TrainingPaths } from './generated/training';
import { expireSession, readSession } from './session';
import type { Page } from './views';
import { Unreachable, problemFrom } from './problem';
import { fetchWaitingOutBusy } from './busy';

const authorize: Middleware = {
  onRequest({ request }) {
    const session = readSession();
    if (session) request.headers.set('Authorization', `Bearer ${session.token}`);
    request.headers.set('Accept-Language', document.documentElement.lang || 'en');
    return request;
  },
  onResponse({ response, request }) {
    if (response.status === 401 && !request.url.endsWith('/auth/token')) expireSession();
    return response;
  },
};

function client<Paths extends object>() {
  const api = createClient<Paths>({ baseUrl: '', fetch: fetchWaitingOutBusy });
  api.use(authorize);
  return api;
}

export const organizationsApi = client<OrganizationsPaths>();
export const dialoguesApi = client<DialoguesPaths>();
export const notificationsApi = client<NotificationsPaths>();
export const capacityBuildingApi = client<CapacityBuildingPaths>();
export const trainingApi = client<TrainingPaths>();

/**
 * The body of a successful reply, or an ApiProblem (Unreachable when no reply came). The services'
 * documents describe requests but not reply bodies, so the caller names the view it expects
 * (src/api/views.ts).
 */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  // fetch rejects (a TypeError, in the browser's own words) only when no reply came
  const { data, error, response } = await call.catch((failure: unknown) => {
    throw failure instanceof TypeError ? new Unreachable(failure) : failure;
  });
  if (!response.ok) throw problemFrom(response.status, error);
  return data as T;
}

/** Paging parameters (API.md: every list takes limit and cursor; the documents leave them out). */
export function page(limit = 50, cursor?: string | null): Record<string, string | number> {
  return cursor ? { limit, cursor } : { limit };
}

/**
 * Every item of a list, following nextCursor to its last page: for what must be complete (the
 * names that resolve ids, a calendar's month), never for a list the officer reads page by page.
 */
export async function allPages<T>(fetchPage: (cursor: string | null) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const reply: Page<T> = await fetchPage(cursor);
    items.push(...reply.items);
    cursor = reply.nextCursor;
  } while (cursor);
  return items;
}
