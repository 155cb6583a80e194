import { MultiSelect, Stack } from '@mantine/core';
import type { Audience, Classification } from '../api/views';
import { useT } from '../i18n/LocaleProvider';
import { fieldError } from './ProblemAlert';
import { OfficerPicker } from './OfficerPicker';
import { useOrganizations } from './registry';

/** The audience as sent: only the list the level reads (what the picker offers), the other emptied. */
export function audienceFor(classification: Classification, audience: Audience): Audience {
  return {
    organizations: classification === 'amber' ? audience.organizations : [],
    officers: classification === 'red' ? audience.officers : [],
  };
}

/**
 * Who may read a record beyond its origin: organizations for amber, named officers for red;
 * clear, green and amber+strict (its origin organization only) read no list, so none is offered.
 * The API checks it too and names the field: `error` is the failed request's, and a problem named
 * on the audience as a whole shows under the list the level reads (a form lists `audience` among
 * the fields it shows, so it is said nowhere else).
 */
export function AudiencePicker({
  classification,
  value,
  onChange,
  ownOrganizationId,
  error,
}: {
  classification: Classification;
  value: Audience;
  onChange: (value: Audience) => void;
  ownOrganizationId?: string;
  error: unknown;
}) {
  const t = useT();
  const organizations = useOrganizations();
  const showOrganizations = classification === 'amber';
  const showOfficers = classification === 'red';
  if (!showOrganizations && !showOfficers) return null;
  const errors = {
    organizations: fieldError(error, 'audience.organizations') ?? (showOrganizations ? fieldError(error, 'audience') : undefined),
    officers: fieldError(error, 'audience.officers') ?? (showOfficers ? fieldError(error, 'audience') : undefined),
  };
  return (
    <Stack gap="xs">
      {showOrganizations && (
        <MultiSelect
          label={t('audience.organizations')}
          description={t('audience.organizationsHelp')}
          searchable
          data-testid="audience-organizations"
          data={(organizations.data ?? [])
            .filter((organization) => organization.id !== ownOrganizationId)
            .map((organization) => ({ value: organization.id, label: `${organization.acronym} — ${organization.name}` }))}
          value={value.organizations}
          onChange={(organizationIds) => onChange({ ...value, organizations: organizationIds })}
          error={errors.organizations}
        />
      )}
      {showOfficers && (
        <OfficerPicker
          label={t('audience.officers')}
          description={t('audience.officersHelp')}
          testId="audience-officers"
          value={value.officers}
          onChange={(officerIds) => onChange({ ...value, officers: officerIds })}
          error={errors.officers}
        />
      )}
    </Stack>
  );
}
