import { recipientVisibilityOver, type RecipientColumns } from '@liaison/auth';
import type { PayloadOf } from '@liaison/contracts';
import type { NotifiedType } from '../events/event-facts';
import { referenceColumns } from '../events/record-references';
import { reachColumns } from '../fan-out/recipient-visibility';

const REFERENCES = referenceColumns();

/** The statement's values for `hiddenReferences` (event types, fields), in that order. */
export const HIDDEN_REFERENCE_PARAMS: [string[], string[]] = [REFERENCES.types, REFERENCES.fields];

/**
 * SQL: the fields of a delivery's payload (RECORD_REFERENCES) that name a record the recipient may
 * not see now: one notifications knows nothing of, a withdrawn one, or one its rule (or its
 * parent's) hides. `param` is the number of the first of HIDDEN_REFERENCE_PARAMS in the statement.
 */
export function hiddenReferences(eventType: string, payload: string, recipient: RecipientColumns, param: number): string {
  return `ARRAY(
         SELECT ref.field
           FROM unnest($${param}::text[], $${param + 1}::text[]) AS ref(event_type, field)
           LEFT JOIN record_reach x ON x.aggregate_id = ${payload} -> 'data' ->> ref.field
           LEFT JOIN record_reach xp ON xp.aggregate_id = x.parent_id
          WHERE ref.event_type = ${eventType} AND ${payload} -> 'data' ->> ref.field IS NOT NULL
            AND NOT COALESCE(x.withdrawn_at IS NULL AND ${recipientVisibilityOver(reachColumns('x'), recipient)}
                             AND (xp.aggregate_id IS NULL OR ${recipientVisibilityOver(reachColumns('xp'), recipient)}), FALSE))`;
}

/**
 * Fields no endpoint gets, whatever the event's level: who was enrolled in a cancelled session
 * (each enrolment is red to its officer, and nothing red goes to a partner's system; the officers
 * are told in their inbox).
 */
const NEVER_SENT: { readonly [K in NotifiedType]?: ReadonlyArray<keyof PayloadOf<K> & string> } = {
  'liaison.session.cancelled.v1': ['enrolledOfficers'],
};

/** The fields of an event type's payload that no endpoint gets. */
export function neverSent(type: string): readonly string[] {
  return Object.hasOwn(NEVER_SENT, type) ? (NEVER_SENT as Record<string, readonly string[]>)[type] : [];
}

/** The payload without the given fields (those naming what its recipient may not see now). */
export function withoutHidden(payload: unknown, hidden: readonly string[]): unknown {
  const { data, ...envelope } = payload as { data?: Record<string, unknown> };
  if (hidden.length === 0 || !data) return payload;
  return { ...envelope, data: Object.fromEntries(Object.entries(data).filter(([field]) => !hidden.includes(field))) };
}
