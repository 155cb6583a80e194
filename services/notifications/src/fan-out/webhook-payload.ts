import type { Classification, LiaisonEvent } from '@liaison/contracts';
import type { EventFacts } from '../events/event-facts';

/** Levels whose content never leaves in e-mails or webhooks: only a link does. */
export const CONTENTLESS: ReadonlySet<Classification> = new Set(['amber-strict', 'red']);

/** What a webhook gets of an amber-strict (or red) event: that it happened, and where to read it. */
export function contentless(event: LiaisonEvent, facts: EventFacts, webOrigin: string): object {
  const { data: _data, ...envelope } = event;
  return { ...envelope, data: { link: new URL(facts.link, webOrigin).toString(), restricted: true } };
}

/** The body of an event's webhook deliveries: the event itself, or only its envelope and link where its level allows no content. */
export function webhookPayload(event: LiaisonEvent, facts: EventFacts, webOrigin: string): object {
  return CONTENTLESS.has(event.classification) ? contentless(event, facts, webOrigin) : event;
}
