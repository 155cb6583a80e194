import { Conflict } from '@liaison/http';
import type { CreateOrganizationDto } from './dto/create-organization.dto';
import type { Organization } from './organization.entity';

// Who counts as the UN follows the kind `united-nations`: other services read it from the
// registry's events (the UN's administrators run their operations, the UN writes to every
// programme and is in its audience). So the UN organization registered at first start is the only
// one of that kind, and keeps its kind and acronym, by which this service finds it.

/** A new organization is never of kind united-nations: the first start registered the UN. */
export function assertNotAnotherUn(kind: Organization['kind']): void {
  if (kind === 'united-nations') throw kindReserved();
}

/** The UN keeps its kind and acronym; no other organization becomes of kind united-nations. */
export function assertUnKept(organization: Organization, isTheUn: boolean, change: Partial<CreateOrganizationDto>): void {
  if (isTheUn) {
    const changed = (['kind', 'acronym'] as const).filter((field) => change[field] !== undefined && change[field] !== organization[field]);
    if (changed.length > 0) {
      throw new Conflict(
        'un-organization-fixed',
        'The UN organization keeps its kind and acronym: who counts as the UN is decided by them.',
        changed.map((field) => ({ field, message: 'is the UN organization\'s own and does not change', code: 'unchangeable' })),
      );
    }
  } else if (change.kind === 'united-nations' && organization.kind !== 'united-nations') {
    throw kindReserved();
  }
}

function kindReserved(): Conflict {
  return new Conflict('united-nations-reserved', 'Only the UN organization, registered at first start, is of kind united-nations.', [
    { field: 'kind', message: 'united-nations is the UN organization\'s alone', code: 'reservedForUn' },
  ]);
}
