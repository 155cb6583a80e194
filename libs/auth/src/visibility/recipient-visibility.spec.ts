import fc from 'fast-check';
import { Client } from 'pg';
import { CLASSIFICATIONS } from '@liaison/contracts';
import { createTestDatabase } from '@liaison/testing';
import { canSee } from './can-see';
import { recipientVisibilityOver } from './recipient-visibility';
import type { ClassifiedResource } from './who-may-see';

// Real: Postgres. The reading of the rule with every recipient row a viewer (notifications'
// fan-out, capacity-building's followers) must agree with canSee for every resource and every
// recipient, as visibility-predicate.spec.ts holds visibilityPredicate to it.

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const organizations = [uuid(10), uuid(11), uuid(12), uuid(13)];
const officers = [uuid(170), uuid(171), uuid(172), uuid(173), uuid(174)];

let database: { url: string; drop: () => Promise<void> };
let db: Client;

beforeAll(async () => {
  database = await createTestDatabase('auth_recipient_visibility');
  db = new Client({ connectionString: database.url });
  await db.connect();
  await db.query(`CREATE TABLE recipients (officer_id uuid NOT NULL, organization_id uuid NOT NULL, PRIMARY KEY (officer_id, organization_id))`);
  // every (officer, organization) pair: officers seen in any organization, as after a move
  for (const officer of officers) for (const organization of organizations) {
    await db.query(`INSERT INTO recipients VALUES ($1, $2)`, [officer, organization]);
  }
});
afterAll(async () => {
  await db?.end();
  await database?.drop();
});

/** Who of the recipients may see the resource, as the fan-out asks it: the resource a row of a table of events. */
async function recipientsWhoSeeOver(resource: ClassifiedResource): Promise<string[]> {
  const predicate = recipientVisibilityOver(
    { classification: 'e.classification', originOrganizationId: 'e.origin', authorId: 'e.author', audienceOrganizations: 'e.audience_organizations', audienceOfficers: 'e.audience_officers' },
    { officerId: 'r.officer_id', organizationId: 'r.organization_id' },
  );
  const { rows } = await db.query(
    `SELECT r.officer_id || '/' || r.organization_id AS who
       FROM (SELECT $1::text AS classification, $2::uuid AS origin, $3::uuid AS author, $4::uuid[] AS audience_organizations, $5::uuid[] AS audience_officers) e
      CROSS JOIN recipients r
      WHERE ${predicate} ORDER BY 1`,
    [resource.classification, resource.originOrganizationId, resource.authorId, resource.audience?.organizations ?? [], resource.audience?.officers ?? []],
  );
  return rows.map((row) => row.who);
}

const everyone = officers.flatMap((officer) => organizations.map((organization) => ({ officer, organization })));

describe('recipientVisibilityOver agrees with canSee', () => {
  it('for random resources of every level, on every recipient', async () => {
    const either = (id: string) => fc.constantFrom(id, id.toUpperCase());
    const organization = fc.constantFrom(...organizations).chain(either);
    const officer = fc.constantFrom(...officers).chain(either);
    const resource: fc.Arbitrary<ClassifiedResource> = fc.record({
      classification: fc.constantFrom(...CLASSIFICATIONS),
      originOrganizationId: organization,
      authorId: officer,
      audience: fc.record({
        organizations: fc.uniqueArray(organization, { maxLength: 3 }),
        officers: fc.uniqueArray(officer, { maxLength: 3 }),
      }),
    });
    await fc.assert(
      fc.asyncProperty(resource, async (r) => {
        const expected = everyone
          .filter((who) => canSee({ officerId: who.officer, organizationId: who.organization, roles: ['officer'] }, r))
          .map((who) => `${who.officer}/${who.organization}`)
          .sort();
        expect(await recipientsWhoSeeOver(r)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('an unknown classification is seen by no one, and only column references go into the SQL', async () => {
    expect(await recipientsWhoSeeOver({ classification: 'white' as never, originOrganizationId: organizations[0], authorId: officers[0] })).toEqual([]);
    const columns = { classification: 'e.c', originOrganizationId: 'e.o', authorId: 'e.a', audienceOrganizations: 'e.ao', audienceOfficers: 'e.af' };
    expect(() => recipientVisibilityOver({ ...columns, authorId: "e.a OR '1'='1'" }, { officerId: 'r.id', organizationId: 'r.o' })).toThrow(/column reference/);
    expect(() => recipientVisibilityOver(columns, { officerId: 'r.id OR TRUE', organizationId: 'r.o' })).toThrow(/column reference/);
  });
});
