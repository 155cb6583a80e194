import type { PayloadOf } from '@liaison/contracts';
import type { NotifiedType } from './event-facts';

/** The payload's fields that may hold an id (a string). */
type IdField<T> = { [F in keyof T]-?: NonNullable<T[F]> extends string ? F : never }[keyof T] & string;

const none = [] as const;

/**
 * Per notified type, the payload's fields that name another classified record with a reach of
 * its own: a body sent out names it only to whom may see that record now (see the webhook worker).
 * An id tells that the record exists, so a hidden one's must not leave with the content.
 *
 * Not listed: a child's parent (a recommendation's `dialogueId`, a milestone's `programmeId`),
 * whose current reach already decides whether the child is sent at all (record-reach.ts); a
 * session's `courseId` (courses are public to every partner); a brief's `deskId` (registry
 * entries); organization ids. A mapped type over the catalog: a new event must say.
 */
export const RECORD_REFERENCES: { readonly [K in NotifiedType]: ReadonlyArray<IdField<PayloadOf<K>>> } = {
  'liaison.organization.registered.v1': none,
  'liaison.organization.updated.v1': none,
  'liaison.desk.opened.v1': none,
  'liaison.desk.updated.v1': none,
  'liaison.desk.closed.v1': none,
  'liaison.officer.joined.v1': none,
  'liaison.officer.updated.v1': none,
  'liaison.officer.left.v1': none,
  // the dialogue this one follows in a series, which may be classified otherwise
  'liaison.dialogue.scheduled.v1': ['previousDialogueId'],
  'liaison.dialogue.rescheduled.v1': ['previousDialogueId'],
  'liaison.dialogue.held.v1': ['previousDialogueId'],
  'liaison.dialogue.cancelled.v1': ['previousDialogueId'],
  'liaison.dialogue.reclassified.v1': none,
  'liaison.recommendation.adopted.v1': none,
  'liaison.recommendation.status-changed.v1': none,
  // the dialogue a brief was written for: a brief has a reach of its own
  'liaison.brief.published.v1': ['dialogueId'],
  'liaison.brief.withdrawn.v1': ['dialogueId'],
  'liaison.brief.reclassified.v1': none,
  'liaison.initiative.launched.v1': none,
  'liaison.initiative.updated.v1': none,
  'liaison.initiative.reclassified.v1': none,
  'liaison.programme.launched.v1': none,
  'liaison.programme.updated.v1': none,
  'liaison.programme.closed.v1': none,
  'liaison.programme.reclassified.v1': none,
  'liaison.milestone.planned.v1': none,
  'liaison.milestone.completed.v1': none,
  'liaison.milestone.delayed.v1': none,
  'liaison.course.published.v1': none,
  'liaison.session.scheduled.v1': none,
  'liaison.session.rescheduled.v1': none,
  'liaison.session.cancelled.v1': none,
  // an enrolment or a certificate is red to its officer (never sent to an endpoint), its session is not
  'liaison.enrolment.confirmed.v1': ['sessionId'],
  'liaison.enrolment.waitlisted.v1': ['sessionId'],
  'liaison.enrolment.withdrawn.v1': ['sessionId'],
  'liaison.enrolment.completed.v1': ['sessionId', 'certificateId'],
  'liaison.certificate.issued.v1': ['sessionId', 'enrolmentId'],
  'liaison.certificate.revoked.v1': ['sessionId', 'enrolmentId'],
};

/** The table as two parallel columns (event type, field), for a statement to unnest. */
export function referenceColumns(): { types: string[]; fields: string[] } {
  const pairs = Object.entries(RECORD_REFERENCES).flatMap(([type, fields]) => fields.map((field) => [type, field] as const));
  return { types: pairs.map(([type]) => type), fields: pairs.map(([, field]) => field) };
}
