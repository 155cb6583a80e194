import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { notificationsApi, page, unwrap } from '../api/client';
import type { NotificationView, Page } from '../api/views';
import { useSession } from '../auth/SessionProvider';
import { QUERIES_SHOWING_RECORDS, queriesShowing, queriesShowingKind } from './kinds';

interface LiveInboxValue {
  /** the last item the feed brought, for the announcement to screen readers */
  arrived: NotificationView | null;
  unread: number;
  /** more unread than one page counts */
  unreadMore: boolean;
  live: boolean;
}

const LiveInboxContext = createContext<LiveInboxValue>({ arrived: null, unread: 0, unreadMore: false, live: false });
export const useLiveInbox = () => useContext(LiveInboxContext);

const UNREAD_PAGE = 200;
const RETRY_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

/**
 * The officer's live feed: Server-Sent Events from GET /notifications/stream. A browser's
 * EventSource cannot send a token, so each connection takes a single-use ticket; when the
 * connection drops it is not left to EventSource's own retry (its ticket is spent) but reopened
 * with a new ticket and `lastEventId` = the last item received, so nothing is missed or repeated.
 * Each item refreshes the inbox and the unread count, and what shows the record it is about; so
 * does a `record-changed` event (a record reclassified or withdrawn, which makes no item). Those
 * signals are not replayed to a feed that reconnects, so a reconnection reads every record on
 * screen again: one changed while the feed was down does not stay stale.
 */
export function LiveInboxProvider({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const queryClient = useQueryClient();
  const [live, setLive] = useState(false);
  const [arrived, setArrived] = useState<NotificationView | null>(null);

  const unread = useQuery({
    queryKey: ['notifications', 'unread-count'],
    enabled: !!session,
    queryFn: () =>
      unwrap<Page<NotificationView>>(notificationsApi.GET('/api/v1/notifications', { params: { query: { unread: true, ...page(UNREAD_PAGE) } } })),
  });

  useEffect(() => {
    if (!session) return;
    let source: EventSource | null = null;
    let lastEventId: string | null = null;
    let openedBefore = false;
    let stopped = false;
    let attempt = 0;
    let retry: number | undefined;

    const connect = async () => {
      try {
        const { ticket } = await unwrap<{ ticket: string }>(notificationsApi.POST('/api/v1/notifications/stream-tickets'));
        if (stopped) return;
        const query = new URLSearchParams({ ticket });
        if (lastEventId) query.set('lastEventId', lastEventId);
        source = new EventSource(`/api/v1/notifications/stream?${query}`);
        source.onopen = () => {
          attempt = 0;
          setLive(true);
          // a reconnection: what changed meanwhile came as items (lastEventId) or not at all (signals)
          if (openedBefore) {
            void queryClient.invalidateQueries({ queryKey: ['notifications'] });
            for (const key of QUERIES_SHOWING_RECORDS) void queryClient.invalidateQueries({ queryKey: [key] });
          }
          openedBefore = true;
        };
        source.addEventListener('notification', (event) => {
          lastEventId = (event as MessageEvent).lastEventId || lastEventId;
          const item = JSON.parse((event as MessageEvent<string>).data) as NotificationView;
          setArrived(item);
          void queryClient.invalidateQueries({ queryKey: ['notifications'] });
          // the record it tells of changed: what shows it is not kept from the cache
          for (const key of queriesShowing(item.type)) void queryClient.invalidateQueries({ queryKey: [key] });
        });
        // a record on screen was reclassified or withdrawn (no item tells of it): read it again,
        // so one no longer visible shows as not found; its items may have left the inbox too
        source.addEventListener('record-changed', (event) => {
          const { kind } = JSON.parse((event as MessageEvent<string>).data) as { kind: string; id: string };
          void queryClient.invalidateQueries({ queryKey: ['notifications'] });
          for (const key of queriesShowingKind(kind)) void queryClient.invalidateQueries({ queryKey: [key] });
        });
        source.onerror = () => {
          source?.close();
          setLive(false);
          if (navigator.onLine) schedule();
        };
      } catch {
        if (navigator.onLine) schedule();
      }
    };
    const schedule = () => {
      if (stopped) return;
      retry = window.setTimeout(connect, RETRY_MS[Math.min(attempt++, RETRY_MS.length - 1)]);
    };

    // A laptop that leaves the network keeps a dead connection open for a while: drop it at
    // once, and come back (with Last-Event-ID) as soon as the network does.
    const offline = () => {
      source?.close();
      window.clearTimeout(retry);
      setLive(false);
    };
    const online = () => {
      source?.close();
      window.clearTimeout(retry);
      attempt = 0;
      void connect();
    };
    window.addEventListener('offline', offline);
    window.addEventListener('online', online);

    void connect();
    return () => {
      stopped = true;
      window.removeEventListener('offline', offline);
      window.removeEventListener('online', online);
      window.clearTimeout(retry);
      source?.close();
      setLive(false);
    };
  }, [session, queryClient]);

  const value: LiveInboxValue = {
    arrived,
    unread: unread.data?.items.length ?? 0,
    unreadMore: !!unread.data?.nextCursor,
    live,
  };
  return <LiveInboxContext.Provider value={value}>{children}</LiveInboxContext.Provider>;
}
