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

/**
 * The audience a record was given by name: its stored audience without the organizations that
 * came with taking part (its participants or supporters before the change). The stored lists
 * do not tell a named organization from an implied one, so a participant also named in the
 * audience is dropped with its participation; the origin names it again to keep it.
 */
export function namedAudience(stored: Audience, implied: string[]): Audience {
  const taking = new Set(implied.map((id) => id.toLowerCase()));
  return { organizations: stored.organizations.filter((id) => !taking.has(id.toLowerCase())), officers: stored.officers };
}

/** Whether two audiences (or lists of organizations) name the same ids, whatever their order. */
export function sameIds(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a.map((id) => id.toLowerCase()));
  const right = new Set(b.map((id) => id.toLowerCase()));
  return left.size === right.size && [...left].every((id) => right.has(id));
}

/** Whether a change alters who may see a record: its classification or its stored audience (a `reclassified` event). */
export function visibilityChanged(
  before: { classification: Classification; audience: Audience },
  after: { classification: Classification; audience: Audience },
): boolean {
  return (
    before.classification !== after.classification ||
    !sameIds(before.audience.organizations, after.audience.organizations) ||
    !sameIds(before.audience.officers, after.audience.officers)
  );
}

/** Whether a change touches a record's reach, which only its origin organization changes: who may see it, or who takes part. */
export function reachChanged(
  before: { classification: Classification; audience: Audience; participants: readonly string[] },
  after: { classification: Classification; audience: Audience; participants: readonly string[] },
): boolean {
  return visibilityChanged(before, after) || !sameIds(before.participants, after.participants);
}

/** What a `<aggregate>.reclassified` event carries besides the record's id: its reach now, and who changed it from what. */
export function reclassificationOf(
  record: ClassifiedFields,
  previousClassification: Classification,
  reclassifiedBy: string,
  at: Date = new Date(),
): ClassifiedFields & { previousClassification: Classification; reclassifiedBy: string; reclassifiedAt: string } {
  return { ...record, previousClassification, reclassifiedBy, reclassifiedAt: at.toISOString() };
}
