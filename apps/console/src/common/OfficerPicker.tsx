import { MultiSelect } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type ReactNode, useState } from 'react';
import type { OfficerView } from '../api/views';
import { useT } from '../i18n/LocaleProvider';
import { useOfficerSearch, useOfficersById, useOrganizationNames } from './registry';

/** The longest text the service searches for (its `q` filter's limit). */
const SEARCH_MAX = 200;

/** An officer by name, with the e-mail address to those who may read it, else the organization (names repeat across organizations). */
function labelOf(officer: OfficerView, acronymOf: (id: string) => string): string {
  return officer.email ? `${officer.name} <${officer.email}>` : `${officer.name} (${acronymOf(officer.organizationId)})`;
}

/**
 * Named officers, found by part of the name or of the e-mail address as it is typed (an address
 * only among those the viewer may read): the service is asked for the first page of matches once
 * typing pauses, never for the whole registry; those already chosen keep their names.
 */
export function OfficerPicker({
  label,
  description,
  value,
  onChange,
  error,
  testId,
}: {
  label: string;
  description?: string;
  value: string[];
  onChange: (officerIds: string[]) => void;
  error?: ReactNode;
  testId?: string;
}) {
  const t = useT();
  const [search, setSearch] = useState('');
  const typed = search.trim().slice(0, SEARCH_MAX);
  const [text] = useDebouncedValue(typed, 300);
  const found = useOfficerSearch(text);
  const chosen = useOfficersById(value);
  const acronymOf = useOrganizationNames();
  const matches = text ? (found.data ?? []) : [];
  const options = [...chosen, ...matches.filter((officer) => !value.includes(officer.id))].map((officer) => ({
    value: officer.id,
    label: labelOf(officer, acronymOf),
  }));
  const waiting = typed !== text || found.isFetching;
  return (
    <MultiSelect
      label={label}
      description={description}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      data-testid={testId}
      data={options}
      value={value}
      onChange={onChange}
      error={error}
      loading={waiting && typed.length > 0}
      nothingFoundMessage={!typed ? t('audience.officersType') : waiting ? t('loading') : t('audience.officersNone')}
    />
  );
}
