import { referenceColumns } from '../events/record-references';
import { reachColumns, recipientVisibilityOver, type RecipientColumns } from '../fan-out/recipient-visibility';

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

/** The payload without the fields that name a record its recipient may not see now. */
export function withoutHidden(payload: unknown, hidden: readonly string[]): unknown {
  if (hidden.length === 0) return payload;
  const { data, ...envelope } = payload as { data: Record<string, unknown> };
  return { ...envelope, data: Object.fromEntries(Object.entries(data).filter(([field]) => !hidden.includes(field))) };
}
