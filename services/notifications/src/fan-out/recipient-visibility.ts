import type { VisibilityColumns } from '@liaison/auth';

/** A record's reach as `record_reach` (under `alias`) holds it now, for `recipientVisibilityOver` (libs/auth). */
export function reachColumns(alias: string): VisibilityColumns {
  return {
    classification: `${alias}.classification`,
    originOrganizationId: `${alias}.origin_organization_id`,
    authorId: `${alias}.author_id`,
    audienceOrganizations: `${alias}.audience_organizations`,
    audienceOfficers: `${alias}.audience_officers`,
  };
}
