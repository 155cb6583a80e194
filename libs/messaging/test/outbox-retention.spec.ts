// Real: Postgres (a database of this file's own). The relay publishes to an in-process bus: what
// is tested is what it deletes from the outbox, whatever the bus.
import { BriefPublishedEvent, OrganizationRegisteredEvent } from '@liaison/contracts';
import { DEFAULT_RETRY_POLICY } from '../src/event-bus';
import { InProcessBus } from '../src/in-process/in-process-bus';
import { Outbox } from '../src/outbox/outbox';
import { OutboxRelay } from '../src/outbox/outbox-relay';
import { briefPublished, eventually, messagingDatabase } from './support';

const HOUR_MS = 60 * 60 * 1000;

describe('outbox retention: the relay deletes sent rows past the retention', () => {
  let database: Awaited<ReturnType<typeof messagingDatabase>>;
  const bus = new InProcessBus({ retry: DEFAULT_RETRY_POLICY });

  beforeAll(async () => {
    database = await messagingDatabase('outbox_retention');
  });
  afterAll(async () => {
    await bus.close();
    await database.drop();
  });
  beforeEach(async () => {
    await database.dataSource.query(`DELETE FROM outbox`);
  });

  /** Rows as a relay would have left them: `count` of `subject`, created and (unless null) sent that many hours ago. */
  async function rows(count: number, subject: string, createdHoursAgo: number, sentHoursAgo: number | null): Promise<string[]> {
    const inserted: Array<{ id: string }> = await database.dataSource.query(
      `INSERT INTO outbox (id, subject, event, created_at, sent_at)
       SELECT gen_random_uuid(), $2, '{}', now() - make_interval(hours => $3), CASE WHEN $4::int IS NULL THEN NULL ELSE now() - make_interval(hours => $4::int) END
         FROM generate_series(1, $1)
       RETURNING id`,
      [count, subject, createdHoursAgo, sentHoursAgo],
    );
    return inserted.map((row) => row.id).sort();
  }

  const remaining = async (): Promise<string[]> =>
    (await database.dataSource.query(`SELECT id FROM outbox ORDER BY id`)).map((row: { id: string }) => row.id).sort();

  it('deletes sent rows older than the retention; keeps recent sent rows, unsent rows of any age, and the subjects it is told to keep', async () => {
    await rows(3, BriefPublishedEvent.subject, 30, 25);
    const recent = await rows(2, BriefPublishedEvent.subject, 30, 1);
    const unsent = await rows(2, BriefPublishedEvent.subject, 400, null);
    const kept = await rows(2, OrganizationRegisteredEvent.subject, 400, 399);
    const relay = new OutboxRelay(database.dataSource, bus, { retainSentMs: 24 * HOUR_MS, keepSubjects: [OrganizationRegisteredEvent.subject] });

    expect(await relay.pruneSent()).toBe(3);
    expect(await remaining()).toEqual([...recent, ...unsent, ...kept].sort());
    expect(await relay.pruneSent()).toBe(0);
  });

  it('a running relay prunes a backlog larger than one statement takes, between its rounds, and still publishes', async () => {
    await rows(4_500, BriefPublishedEvent.subject, 50, 49);
    const recent = await rows(5, BriefPublishedEvent.subject, 2, 1);
    const relay = new OutboxRelay(database.dataSource, bus, { retainSentMs: 24 * HOUR_MS, pollIntervalMs: 20 });
    relay.start();
    try {
      const event = briefPublished();
      await database.dataSource.transaction((manager) => new Outbox().publish(manager, BriefPublishedEvent, event));
      await eventually(async () => expect(await remaining()).toEqual([...recent, event.id].sort()), 20_000);
      const [row] = await database.dataSource.query(`SELECT sent_at FROM outbox WHERE id = $1`, [event.id]);
      expect(row.sent_at).not.toBeNull();
    } finally {
      await relay.stop();
    }
  });

  it('keeps every sent row when the retention is 0', async () => {
    const old = await rows(3, BriefPublishedEvent.subject, 5_000, 4_999);
    const relay = new OutboxRelay(database.dataSource, bus, { retainSentMs: 0, pollIntervalMs: 20 });
    const event = briefPublished();
    relay.start();
    try {
      await database.dataSource.transaction((manager) => new Outbox().publish(manager, BriefPublishedEvent, event));
      await eventually(async () => {
        const [row] = await database.dataSource.query(`SELECT sent_at FROM outbox WHERE id = $1`, [event.id]);
        expect(row.sent_at).not.toBeNull();
      });
    } finally {
      await relay.stop();
    }
    expect(await remaining()).toEqual([...old, event.id].sort());
  });
});
