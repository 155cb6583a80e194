import type { Classification } from '@liaison/contracts';

/**
 * Whether a message that leaves Liaison (an e-mail, a webhook delivery) may carry a record's
 * content at this level, or only that it exists and a link where the rule applies again after
 * signing in. Mail boxes and partner systems are outside the rule's reach (forwarding, shared
 * inboxes), so the two narrowest levels send a link only. A Record: a new level must say.
 */
export const CONTENT_LEAVES: Readonly<Record<Classification, boolean>> = {
  clear: true,
  green: true,
  amber: true,
  'amber-strict': false,
  red: false,
};

/** Whether e-mails and webhooks may carry the content of a record at `classification`; an unknown level (bad data) may not. */
export function contentMayLeave(classification: string): boolean {
  return CONTENT_LEAVES[classification as Classification] === true;
}
