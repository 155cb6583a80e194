import 'reflect-metadata';
import fc from 'fast-check';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { CLASSIFICATIONS, type Classification } from '@liaison/contracts';
import { createTestDatabase } from '@liaison/testing';
import { cases, resourceAt, viewers } from '../../test/visibility-cases';
import type { MaybeViewer, Viewer } from '../viewer';
import { canSee } from './can-see';
import { visibilityPredicate } from './visibility-predicate';
import type { ClassifiedResource } from './who-may-see';

// Real: Postgres (a database of this file's own). The predicate runs through TypeORM's
// QueryBuilder exactly as a service's list query would.

@Entity('classified_thing')
class ClassifiedThing {
  @PrimaryColumn('uuid') id: string;
  @Column('text') classification: Classification;
  @Column('uuid', { name: 'origin_organization_id' }) originOrganizationId: string;
  @Column('uuid', { name: 'author_id' }) authorId: string;
  @Column('uuid', { name: 'audience_organizations', array: true }) audienceOrganizations: string[];
  @Column('uuid', { name: 'audience_officers', array: true }) audienceOfficers: string[];
}

const byProperty = {
  classification: 'thing.classification',
  originOrganizationId: 'thing.originOrganizationId',
  authorId: 'thing.authorId',
  audienceOrganizations: 'thing.audienceOrganizations',
  audienceOfficers: 'thing.audienceOfficers',
};

let database: { url: string; drop: () => Promise<void> };
let dataSource: DataSource;

beforeAll(async () => {
  database = await createTestDatabase('auth_visibility');
  dataSource = new DataSource({ type: 'postgres', url: database.url, entities: [ClassifiedThing] });
  await dataSource.initialize();
  await dataSource.query(`
    CREATE TABLE classified_thing (
      id uuid PRIMARY KEY,
      classification text NOT NULL,
      origin_organization_id uuid NOT NULL,
      author_id uuid NOT NULL,
      audience_organizations uuid[] NOT NULL DEFAULT '{}',
      audience_officers uuid[] NOT NULL DEFAULT '{}'
    )`);
});

afterAll(async () => {
  await dataSource?.destroy();
  await database?.drop();
});

function uuid(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

async function store(resources: ClassifiedResource[]): Promise<string[]> {
  await dataSource.query('DELETE FROM classified_thing');
  const rows = resources.map((r, i) => ({
    id: uuid(1000 + i),
    classification: r.classification,
    originOrganizationId: r.originOrganizationId,
    authorId: r.authorId,
    audienceOrganizations: r.audience?.organizations ?? [],
    audienceOfficers: r.audience?.officers ?? [],
  }));
  if (rows.length > 0) await dataSource.getRepository(ClassifiedThing).insert(rows);
  return rows.map((r) => r.id);
}

async function visibleIds(viewer: MaybeViewer, columns = byProperty, prefix?: string): Promise<string[]> {
  const predicate = visibilityPredicate(viewer, columns, prefix);
  const found = await dataSource
    .getRepository(ClassifiedThing)
    .createQueryBuilder('thing')
    .select('thing.id', 'id')
    .andWhere(predicate.sql, predicate.params)
    .orderBy('thing.id')
    .getRawMany<{ id: string }>();
  return found.map((row) => row.id);
}

describe('visibilityPredicate on real Postgres', () => {
  it.each(cases)('%s, %s → %s', async (who, classification, may) => {
    const [id] = await store([resourceAt(classification)]);
    expect(await visibleIds(viewers[who])).toEqual(may ? [id] : []);
  });

  it('works with raw column names and a prefix, twice in one query', async () => {
    const levels = [...CLASSIFICATIONS];
    const stored = await store(levels.map(resourceAt));
    const viewer = viewers['an officer of an audience organization'];
    const raw = {
      classification: 't.classification',
      originOrganizationId: 't.origin_organization_id',
      authorId: 't.author_id',
      audienceOrganizations: 't.audience_organizations',
      audienceOfficers: 't.audience_officers',
    };
    const first = visibilityPredicate(viewer, raw, 'a_');
    const second = visibilityPredicate(null, { ...raw, classification: 'u.classification' }, 'b_');
    const rows = await dataSource
      .createQueryBuilder()
      .select('t.id', 'id')
      .from('classified_thing', 't')
      .innerJoin('classified_thing', 'u', 'u.id = t.id')
      .where(first.sql, first.params)
      .andWhere(second.sql, second.params)
      .getRawMany<{ id: string }>();
    // the audience officer sees clear, green, amber; the public (second predicate) only clear
    expect(rows.map((r) => r.id)).toEqual([stored[levels.indexOf('clear')]]);
  });

  it('sends values only as parameters', () => {
    const hostile: Viewer = { officerId: "x' OR 1=1 --", organizationId: "y'); DROP TABLE t; --", roles: ['officer'] };
    const predicate = visibilityPredicate(hostile, byProperty);
    expect(predicate.sql).not.toContain("'");
    expect(Object.values(predicate.params)).toEqual(expect.arrayContaining([hostile.officerId, hostile.organizationId]));
  });

  it('refuses anything but a column reference or an identifier prefix', () => {
    expect(() => visibilityPredicate(null, { ...byProperty, authorId: 'author_id OR TRUE' })).toThrow(/column authorId/);
    expect(() => visibilityPredicate(null, byProperty, 'p-1')).toThrow(/prefix/);
  });

  it('always agrees with canSee (property, random resources and viewers incl. the public)', async () => {
    // Small pools, so that viewers often belong to origin and audience organizations; ids in
    // either case, since Postgres compares uuids regardless of it.
    const eitherCase = (id: string) => fc.constantFrom(id, id.toUpperCase());
    const organization = fc.constantFrom(uuid(10), uuid(11), uuid(12), uuid(13)).chain(eitherCase);
    const officer = fc.constantFrom(uuid(170), uuid(171), uuid(172), uuid(173), uuid(174)).chain(eitherCase);
    const resource: fc.Arbitrary<ClassifiedResource> = fc.record({
      classification: fc.constantFrom(...CLASSIFICATIONS),
      originOrganizationId: organization,
      authorId: officer,
      audience: fc.record({
        organizations: fc.uniqueArray(organization, { maxLength: 3 }),
        officers: fc.uniqueArray(officer, { maxLength: 3 }),
      }),
    });
    const viewer: fc.Arbitrary<MaybeViewer> = fc.option(
      fc.record({
        officerId: officer,
        organizationId: organization,
        roles: fc.subarray(['officer', 'admin'] as Viewer['roles']),
      }),
      { nil: null, freq: 4 },
    );

    await fc.assert(
      fc.asyncProperty(fc.array(resource, { maxLength: 12 }), viewer, async (resources, who) => {
        const stored = await store(resources);
        const expectedIds = stored.filter((_, i) => canSee(who, resources[i])).sort();
        expect(await visibleIds(who)).toEqual(expectedIds);
      }),
      { numRuns: 300 },
    );
  });
});
