import type { Session } from '../api/session';
import type { DialogueView } from '../api/views';
import { ofOriginOrganization } from '../common/origin';

/**
 * An officer of the convening or a participating organization, as the service decides (dialogues'
 * `takesPart`): only they change, hold or cancel a dialogue and adopt its recommendations.
 */
export function takesPart(dialogue: Pick<DialogueView, 'originOrganizationId' | 'participants'>, session: Session | null | undefined): boolean {
  return ofOriginOrganization(dialogue, session) || (!!session && dialogue.participants.includes(session.organizationId));
}

/** Whether the officer may change the dialogue itself (title, dates, place, agenda): they take part, and it is still scheduled. */
export function mayChange(dialogue: Pick<DialogueView, 'originOrganizationId' | 'participants' | 'status'>, session: Session | null | undefined): boolean {
  return takesPart(dialogue, session) && dialogue.status === 'scheduled';
}
