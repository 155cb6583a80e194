import { CLASSIFICATIONS } from '@liaison/contracts';
import { cases, ids, resourceAt, viewers } from '../../test/visibility-cases';
import { canSee } from './can-see';

describe('canSee: who may see what (TLP 2.0)', () => {
  it('covers every level for every kind of viewer', () => {
    expect(cases).toHaveLength(CLASSIFICATIONS.length * Object.keys(viewers).length);
  });

  it.each(cases)('%s, %s → %s', (who, classification, may) => {
    expect(canSee(viewers[who], resourceAt(classification))).toBe(may);
  });

  it('red: the author sees it even when moved to another organization', () => {
    const moved = { officerId: ids.author, organizationId: ids.otherOrganization, roles: ['officer' as const] };
    expect(canSee(moved, resourceAt('red'))).toBe(true);
    expect(canSee(moved, resourceAt('amber-strict'))).toBe(false);
  });

  it('red: an officer of an audience organization is not enough', () => {
    const r = { ...resourceAt('red'), audience: { organizations: [ids.otherOrganization], officers: [] } };
    expect(canSee(viewers['an officer of another organization'], r)).toBe(false);
  });

  it('compares ids regardless of case, as Postgres does for uuid', () => {
    const shouting = { officerId: ids.namedOfficer.toUpperCase(), organizationId: ids.otherOrganization, roles: ['officer' as const] };
    expect(canSee(shouting, resourceAt('red'))).toBe(true);
  });

  it('reads a missing audience as empty lists', () => {
    const { audience: _none, ...bare } = resourceAt('amber');
    expect(canSee(viewers['an officer of the same organization'], bare)).toBe(true);
    expect(canSee(viewers['an officer of an audience organization'], bare)).toBe(false);
    expect(canSee(viewers['a named officer of another organization'], { ...resourceAt('red'), audience: null })).toBe(false);
  });

  it('an unknown classification (bad data) is seen by no one', () => {
    const r = { ...resourceAt('clear'), classification: 'white' as never };
    expect(canSee(null, r)).toBe(false);
    expect(canSee(viewers['the author'], r)).toBe(false);
  });
});
