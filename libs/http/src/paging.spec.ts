import { randomUUID } from 'node:crypto';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { createTestDatabase } from '@liaison/testing';
import { InvalidInput } from './domain-error';
import { NEWEST_RECORDED, Page, paginate, PageOrder, SOONEST_START } from './paging';

@Entity('meetings')
class Meeting {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'timestamptz', name: 'created_at', precision: 3 })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'starts_at', precision: 3 })
  startsAt: Date;
}

// Real: Postgres, one table the test creates; paging as every service list uses it.
describe('keyset paging in an order', () => {
  let database: { url: string; drop: () => Promise<void> };
  let dataSource: DataSource;
  const meetings: Meeting[] = [];
  const at = (day: number) => new Date(Date.UTC(2027, 0, day, 9));

  beforeAll(async () => {
    database = await createTestDatabase('paging');
    dataSource = new DataSource({ type: 'postgres', url: database.url, entities: [Meeting], synchronize: true });
    await dataSource.initialize();
    // recorded in an order unlike their start; two start at the same time, so the id decides
    for (const [recorded, starts] of [[1, 9], [2, 3], [3, 7], [4, 3], [5, 1]]) {
      meetings.push(await dataSource.manager.save(Object.assign(new Meeting(), { id: randomUUID(), createdAt: at(recorded), startsAt: at(starts) })));
    }
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const page = (limit: number, cursor?: string, order?: PageOrder<Meeting>): Promise<Page<Meeting>> =>
    paginate(dataSource.getRepository(Meeting).createQueryBuilder('meeting'), 'meeting', { limit, cursor }, order);

  async function all(order?: PageOrder<Meeting>): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const next = await page(2, cursor, order);
      ids.push(...next.items.map((m) => m.id));
      cursor = next.nextCursor ?? undefined;
    } while (cursor);
    return ids;
  }

  it('pages newest recorded first by default, and soonest start first when asked, the id breaking ties', async () => {
    const byRecord = [...meetings].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).map((m) => m.id);
    expect(await all()).toEqual(byRecord);
    const byStart = [...meetings].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || (a.id < b.id ? -1 : 1)).map((m) => m.id);
    expect(await all(SOONEST_START)).toEqual(byStart);
  });

  it('refuses a cursor given out in another order, naming the cursor', async () => {
    const recorded = (await page(2)).nextCursor!;
    const started = (await page(2, undefined, SOONEST_START)).nextCursor!;
    for (const [cursor, order] of [[recorded, SOONEST_START], [started, NEWEST_RECORDED]] as const) {
      const refused = await page(2, cursor, order).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(InvalidInput);
      expect((refused as InvalidInput).errors).toEqual([expect.objectContaining({ field: 'cursor', code: 'unknownCursor' })]);
    }
  });
});
