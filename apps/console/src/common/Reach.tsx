import { Text } from '@mantine/core';
import type { Audience, Classification, OfficerView } from '../api/views';
import { useT } from '../i18n/LocaleProvider';
import { useFormat } from './format';
import { useOfficersById, useOrganizationNames } from './registry';

/** What a record's reach is read from: the fields every classified view carries. */
export interface ClassifiedRecord {
  classification: Classification;
  originOrganizationId: string;
  authorId: string;
  audience: Audience;
}

// the service stores ids in lower case but may be given them in any: compare them so
const unique = (ids: string[], except = ''): string[] => [...new Set(ids.map((id) => id.toLowerCase()))].filter((id) => id !== except.toLowerCase());

/**
 * Who may read a record, as the classification rule (ARCHITECTURE.md "Who may see what") gives it:
 * clear anyone, green every partner's officers, amber the origin organization and its audience's,
 * amber+strict the origin alone, red its author and the officers it names. Only the audience the
 * service returned is named; officers by name once the registry gives every one, until then counted.
 */
export function Reach({ record }: { record: ClassifiedRecord }) {
  const t = useT();
  const format = useFormat();
  const acronymOf = useOrganizationNames();
  const red = record.classification === 'red';
  const officerIds = red ? unique(record.audience.officers, record.authorId) : [];
  const found = useOfficersById(red ? unique([record.authorId, ...officerIds]) : []);
  const byId = new Map(found.map((officer) => [officer.id.toLowerCase(), officer]));
  // names repeat across organizations: each officer with theirs, as the officer picker shows them
  const labelOf = (officer: OfficerView) => `${officer.name} (${acronymOf(officer.organizationId)})`;

  const statement = (): string => {
    switch (record.classification) {
      case 'clear':
        return t('reach.clear');
      case 'green':
        return t('reach.green');
      case 'amber-strict':
        return t('reach.amberStrict', { origin: acronymOf(record.originOrganizationId) });
      case 'amber': {
        const organizations = unique(record.audience.organizations, record.originOrganizationId);
        return organizations.length > 0
          ? t('reach.amber', { origin: acronymOf(record.originOrganizationId), organizations: format.list(organizations.map(acronymOf)) })
          : t('reach.amberStrict', { origin: acronymOf(record.originOrganizationId) });
      }
      case 'red': {
        const author = byId.get(record.authorId.toLowerCase());
        const named = officerIds.flatMap((id) => byId.get(id) ?? []);
        if (!author || named.length < officerIds.length) return t('reach.redCounted', { count: officerIds.length });
        return officerIds.length > 0
          ? t('reach.red', { author: labelOf(author), officers: format.list(named.map(labelOf)) })
          : t('reach.redAuthorOnly', { author: labelOf(author) });
      }
    }
  };

  return (
    <Text size="sm" data-testid="reach" data-classification={record.classification}>
      {statement()}
    </Text>
  );
}
