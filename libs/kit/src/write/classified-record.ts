import type { Audience, Classification } from '@liaison/contracts';
import { audienceProblems, effectiveAudience, type VisibilityColumns } from '@liaison/auth';
import { InvalidInput } from '@liaison/http';

/** The fields of a record that the visibility rule reads and that every event of it carries. */
export interface ClassifiedFields {
  classification: Classification;
  audience: Audience;
  originOrganizationId: string;
  authorId: string;
}

/** The columns the visibility rule reads, as every classified table of this service names them. */
export function visibilityColumns(alias: string, originColumn = 'origin_organization_id'): VisibilityColumns {
  return {
    classification: `${alias}.classification`,
    originOrganizationId: `${alias}.${originColumn}`,
    authorId: `${alias}.author_id`,
    audienceOrganizations: `${alias}.audience_organizations`,
    audienceOfficers: `${alias}.audience_officers`,
  };
}

/**
 * The audience to store for a record: only the lists its classification reads. `implied` are
 * organizations that take part in the record (a dialogue's participants, an initiative's
 * supporters): an amber record is always shared with them, so an amber dialogue needs no list of
 * its own and a participant never loses sight of its own dialogue. An incoherent pair (amber
 * naming no organization at all, red naming no officer) is refused with the field to fix.
 */
export function coherentAudience(
  classification: Classification,
  audience: Partial<Audience> | undefined,
  implied: { organizations: string[]; except: string } = { organizations: [], except: '' },
): Audience {
  const withImplied: Partial<Audience> =
    classification === 'amber'
      ? {
          ...audience,
          organizations: [...(audience?.organizations ?? []), ...implied.organizations].filter(
            (id) => id.toLowerCase() !== implied.except.toLowerCase(),
          ),
        }
      : (audience ?? {});
  const problems = audienceProblems(classification, withImplied);
  if (problems.length > 0) {
    throw new InvalidInput(problems, `A ${classification} record needs an audience that says who may see it.`);
  }
  const effective = effectiveAudience(classification, withImplied);
  return {
    organizations: effective.organizations.map((id) => id.toLowerCase()),
    officers: effective.officers.map((id) => id.toLowerCase()),
  };
}
