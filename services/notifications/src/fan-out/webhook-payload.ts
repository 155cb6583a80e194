import { contentMayLeave } from '@liaison/auth';
import type { LiaisonEvent } from '@liaison/contracts';
import type { EventFacts } from '../events/event-facts';

/** What a webhook gets of an event whose level lets no content leave: that it happened, and where to read it. */
export function contentless(event: LiaisonEvent, facts: EventFacts, webOrigin: string): object {
  const { data: _data, ...envelope } = event;
  return { ...envelope, data: { link: new URL(facts.link, webOrigin).toString(), restricted: true } };
}

/** The body of an event's webhook deliveries: the event itself, or (contentMayLeave, libs/auth) only its envelope and link. */
export function webhookPayload(event: LiaisonEvent, facts: EventFacts, webOrigin: string): object {
  return contentMayLeave(event.classification) ? event : contentless(event, facts, webOrigin);
}

/**
 * What a webhook gets of a withdrawal: that the brief was withdrawn, and where it was; nothing of
 * it, since a withdrawn brief is seen by no one (a partner that never got it learns nothing of it).
 */
export function withdrawalNotice(event: LiaisonEvent, facts: EventFacts, webOrigin: string): object {
  const body = contentless(event, facts, webOrigin) as { data: object };
  return { ...body, data: { ...body.data, withdrawn: true } };
}
