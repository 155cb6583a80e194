import {
  createEvent,
  type Language,
  type LiaisonEvent,
  NotificationCreatedEvent,
  NotificationsCreatedByLanguageEvent,
  NotificationsCreatedEvent,
} from '@liaison/contracts';
import type { InboxTransaction } from '@liaison/messaging';
import type { NotificationsConfig } from '../config';
import type { EventFacts } from '../events/event-facts';
import type { Rendered } from '../messages/render';
import type { InsertedItem } from './items-query';

/** What the announcement needs of one fanned-out event. */
export interface Announced {
  event: LiaisonEvent;
  traceparent: string | undefined;
  facts: EventFacts;
  messages: Record<Language, Rendered>;
}

/**
 * notification.created, in the same transaction (so: at most once per item), written with the
 * batch's other events in one statement before the commit: version 3, one event with every new
 * item and each language's text once; version 2 (texts per item) and version 1 (one event per
 * item) only where a deployment still has consumers of them (NOTIFICATION_CREATED_V2, _V1).
 * Each carries the trace its source event came in.
 */
export function announce(
  transaction: InboxTransaction,
  config: Pick<NotificationsConfig, 'notificationCreatedV1' | 'notificationCreatedV2'>,
  { event, traceparent, facts, messages }: Announced,
  items: readonly InsertedItem[],
): void {
  if (items.length === 0) return;
  const r = facts.resource;
  const envelope = { classification: r.classification, originorg: r.originOrganizationId, sequence: 1, traceparent };
  const audience = { organizations: r.audience?.organizations ?? [], officers: r.audience?.officers ?? [] };
  const about = { eventId: event.id, eventType: event.type, link: facts.link, classification: r.classification, audience };
  const languages = [...new Set(items.map((item) => item.language))];
  transaction.publish(
    NotificationsCreatedByLanguageEvent,
    createEvent(NotificationsCreatedByLanguageEvent, {
      ...envelope,
      subject: event.id,
      data: {
        ...about,
        texts: languages.map((language) => ({ language, title: messages[language].title, summary: messages[language].summary })),
        notifications: items.map((item) => ({ notificationId: item.id, officerId: item.officer_id, language: item.language })),
      },
    }),
  );
  if (config.notificationCreatedV2) {
    transaction.publish(
      NotificationsCreatedEvent,
      createEvent(NotificationsCreatedEvent, {
        ...envelope,
        subject: event.id,
        data: {
          ...about,
          notifications: items.map((item) => ({
            notificationId: item.id,
            officerId: item.officer_id,
            title: messages[item.language].title,
            summary: messages[item.language].summary,
            language: item.language,
          })),
        },
      }),
    );
  }
  if (!config.notificationCreatedV1) return;
  for (const item of items) {
    transaction.publish(
      NotificationCreatedEvent,
      createEvent(NotificationCreatedEvent, {
        ...envelope,
        subject: item.id,
        data: {
          notificationId: item.id,
          officerId: item.officer_id,
          eventId: event.id,
          eventType: event.type,
          title: messages[item.language].title,
          summary: messages[item.language].summary,
          link: facts.link,
          classification: r.classification,
          audience,
          language: item.language,
        },
      }),
    );
  }
}
