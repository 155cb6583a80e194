import type { NotificationItem } from './notification-item.entity';

/** API.md: `{ id, eventId, type, title, summary, link, classification, createdAt, readAt }`. */
export interface NotificationView {
  id: string;
  eventId: string;
  type: string;
  title: string;
  summary: string;
  link: string;
  classification: string;
  language: string;
  createdAt: string;
  readAt: string | null;
}

export function notificationView(item: NotificationItem): NotificationView {
  return {
    id: item.id,
    eventId: item.eventId,
    type: item.eventType,
    title: item.title,
    summary: item.summary,
    link: item.link,
    classification: item.classification,
    language: item.language,
    createdAt: item.createdAt.toISOString(),
    readAt: item.readAt?.toISOString() ?? null,
  };
}
