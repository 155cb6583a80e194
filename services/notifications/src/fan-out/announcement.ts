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
import type { EventFacts, MessageParams } from '../events/event-facts';
import { type Rendered, renderInZone } from '../messages/render';
import type { InsertedItem } from './items-query';

/** What the announcement needs of one fanned-out event. */
export interface Announced {
  event: LiaisonEvent;
  traceparent: string | undefined;
  facts: EventFacts;
  messages: Record<Language, Rendered>;
  /** what the messages were rendered from, where they show a time: each item's then shows it in its officer's zone */
  params: MessageParams | null;
}

/**
 * notification.created, in the same transaction (so: at most once per item), written with the
 * batch's other events in one statement before the commit: version 3, one event with every new
 * item and each language's text once; version 2 (texts per item) and version 1 (one event per
 * item) only where a deployment still has consumers of them (NOTIFICATION_CREATED_V2, _V1).
 * Where the messages show a time, each item's text shows it as its officer reads it (in the zone
 * they chose, UTC labelled for none), so version 3 comes once per zone among the recipients,
 * each with the items of officers in that zone. Each carries the trace its source event came in.
 */
export function announce(
  transaction: InboxTransaction,
  config: Pick<NotificationsConfig, 'notificationCreatedV1' | 'notificationCreatedV2'>,
  { event, traceparent, facts, messages, params }: Announced,
  items: readonly InsertedItem[],
): void {
  if (items.length === 0) return;
  const r = facts.resource;
  const envelope = { classification: r.classification, originorg: r.originOrganizationId, sequence: 1, traceparent };
  const audience = { organizations: r.audience?.organizations ?? [], officers: r.audience?.officers ?? [] };
  const about = { eventId: event.id, eventType: event.type, link: facts.link, classification: r.classification, audience };
  const textOf = readersTexts(event.type, messages, params);
  for (const ofZone of byZone(items, params)) {
    const languages = new Map(ofZone.map((item) => [item.language, item]));
    transaction.publish(
      NotificationsCreatedByLanguageEvent,
      createEvent(NotificationsCreatedByLanguageEvent, {
        ...envelope,
        subject: event.id,
        data: {
          ...about,
          texts: [...languages].map(([language, item]) => ({ language, ...textOf(item) })),
          notifications: ofZone.map((item) => ({ notificationId: item.id, officerId: item.officer_id, language: item.language })),
        },
      }),
    );
  }
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
            ...textOf(item),
            language: item.language,
          })),
        },
      }),
    );
  }
  if (!config.notificationCreatedV1) return;
  for (const item of items) {
    const { title, summary } = textOf(item);
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
          title,
          summary,
          link: facts.link,
          classification: r.classification,
          audience,
          language: item.language,
        },
      }),
    );
  }
}

/** The zone an item's times are shown in: the officer's, UTC for one who chose none. */
const zoneOf = (item: InsertedItem) => item.timezone ?? 'UTC';

/** The items by the zone their times are shown in; all together where the messages show no time. */
function byZone(items: readonly InsertedItem[], params: MessageParams | null): InsertedItem[][] {
  if (!params) return [[...items]];
  const groups = new Map<string, InsertedItem[]>();
  for (const item of items) {
    const group = groups.get(zoneOf(item));
    if (group) group.push(item);
    else groups.set(zoneOf(item), [item]);
  }
  return [...groups.values()];
}

/** Each item's title and summary: its language's, with every time in its officer's zone where they show one (renderInZone, once per language and zone). */
function readersTexts(type: string, messages: Record<Language, Rendered>, params: MessageParams | null): (item: InsertedItem) => Rendered {
  if (!params) return (item) => messages[item.language];
  const rendered = new Map<string, Rendered>();
  return (item) => {
    const key = `${item.language} ${zoneOf(item)}`;
    let text = rendered.get(key);
    if (!text) rendered.set(key, (text = renderInZone(type, item.language, params, item.timezone)));
    return text;
  };
}
