import type { Audience, Classification } from '@liaison/contracts';
import type { FieldError } from '@liaison/http';
import { WHO_MAY_SEE, type Grant } from './who-may-see';

// Which audience list each grant reads; a level uses a list exactly when it holds that grant.
const LIST_OF_GRANT: Partial<Record<Grant, keyof Audience>> = {
  'audience-organizations': 'organizations',
  'audience-officers': 'officers',
};

const WHY: Record<keyof Audience, string> = {
  organizations:
    'is shared with the origin organization and the organizations named here: name at least one (amber-strict keeps it to the origin organization)',
  officers: 'is seen only by its author and the officers named here: name at least one',
};

/** The audience lists a classification reads (amber: organizations, red: officers, others: none). */
export function audienceListsOf(classification: Classification): Array<keyof Audience> {
  return (WHO_MAY_SEE[classification] ?? []).flatMap((grant) => LIST_OF_GRANT[grant] ?? []);
}

/**
 * Whether an audience makes sense for a classification, as field errors for a 400.
 *
 * Lenient but clear: a level that reads a list needs it non-empty (amber must name organizations,
 * red must name officers); a list the level does not read is accepted and has no effect, so a
 * client may keep sending the audience when it changes the level. `effectiveAudience` drops such
 * lists before storing or publishing, so nobody reads a name into who may see it.
 */
export function audienceProblems(classification: Classification, audience?: Partial<Audience> | null): FieldError[] {
  return audienceListsOf(classification)
    .filter((list) => (audience?.[list] ?? []).length === 0)
    .map((list) => ({ field: `audience.${list}`, message: `${classification} ${WHY[list]}`, code: 'audienceRequired', params: { classification } }));
}

/** The audience with only the lists the classification reads; the others emptied. */
export function effectiveAudience(classification: Classification, audience?: Partial<Audience> | null): Audience {
  const read = audienceListsOf(classification);
  return {
    organizations: read.includes('organizations') ? [...new Set(audience?.organizations ?? [])] : [],
    officers: read.includes('officers') ? [...new Set(audience?.officers ?? [])] : [],
  };
}
