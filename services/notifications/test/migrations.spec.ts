// Real: Postgres (an empty database of this file's own). No NATS: only the schema is under test.
import { createTestDatabase } from '@liaison/testing';
import { DataSource } from 'typeorm';
import { CreateNotifications1767225800000 } from '../src/migrations/1767225800000-create-notifications';
import { WithdrawnRecords1768600000000 } from '../src/migrations/1768600000000-withdrawn-records';
import { TimeZoneNotChosen1768700000000 } from '../src/migrations/1768700000000-time-zone-not-chosen';
import { notificationsMigrations } from '../src/migrations';

const TABLES = [
  'email_deliveries',
  'notification_events',
  'notification_items',
  'notification_preferences',
  'stream_tickets',
  'subscriptions',
  'webhook_deliveries',
  'webhook_endpoints',
];

/** A new deployment starts from an empty database: the migrations alone build the schema the service reads and writes. */
describe('notifications migrations, from an empty database', () => {
  let database: { url: string; drop: () => Promise<void> };
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('notifications_migrations');
    dataSource = new DataSource({ type: 'postgres', url: database.url, migrations: notificationsMigrations, migrationsTransactionMode: 'each' });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const ownTables = async () =>
    (await dataSource.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name = ANY($1) ORDER BY 1`, [TABLES])).map(
      (row: { table_name: string }) => row.table_name,
    );

  it('runs every migration once, and nothing is pending afterwards', async () => {
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    expect(ran.map((migration) => migration.name).sort()).toEqual(notificationsMigrations.map((migration) => migration.name).sort());
    expect(await dataSource.showMigrations()).toBe(false);
    expect(await ownTables()).toEqual(TABLES);
  });

  it('gives an item the texts of its event in its language, English for a language the event lacks, through notification_inbox', async () => {
    const eventId = '0190f5a0-0000-7000-8000-000000000001';
    await dataSource.query(
      `INSERT INTO notification_events (event_id, aggregate_id, event_type, titles, summaries, link, classification, origin_organization_id, author_id, audience_organizations, audience_officers)
       VALUES ($1, 'brief-1', 'liaison.brief.published.v1', '{"en":"Brief","fr":"Note"}', '{"en":"About","fr":"Sur"}', '/briefs/brief-1', 'green', gen_random_uuid(), gen_random_uuid(), '{}', '{}')`,
      [eventId],
    );
    for (const language of ['fr', 'ru']) {
      await dataSource.query(
        `INSERT INTO notification_items (event_id, officer_id, organization_id, language, in_app, email) VALUES ($1, gen_random_uuid(), gen_random_uuid(), $2, true, 'none')`,
        [eventId, language],
      );
    }
    const items: Array<{ id: string; language: string; title: string; summary: string; classification: string; position: string }> = await dataSource.query(
      `SELECT id, language, title, summary, classification, position FROM notification_inbox WHERE event_id = $1 ORDER BY position`,
      [eventId],
    );
    expect(items.map(({ language, title, summary, classification }) => ({ language, title, summary, classification }))).toEqual([
      { language: 'fr', title: 'Note', summary: 'Sur', classification: 'green' },
      { language: 'ru', title: 'Brief', summary: 'About', classification: 'green' },
    ]);
    // ids drawn by the database are UUIDv7 (version 7, variant 10), positions follow the inserts
    for (const item of items) expect(item.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number(items[1].position)).toBeGreaterThan(Number(items[0].position));
    // one item per officer and event
    await expect(
      dataSource.query(`INSERT INTO notification_items (event_id, officer_id, organization_id, language, in_app, email) SELECT event_id, officer_id, organization_id, 'en', true, 'none' FROM notification_items WHERE event_id = $1 LIMIT 1`, [eventId]),
    ).rejects.toThrow(/notification_items_event_officer/);
  });

  it('keeps the indexes of notification_items to those its reads need', async () => {
    const indexes = (await dataSource.query(`SELECT indexname FROM pg_indexes WHERE tablename = 'notification_items' ORDER BY 1`)).map((row: { indexname: string }) => row.indexname);
    expect(indexes).toEqual(['notification_items_by_digest', 'notification_items_digest', 'notification_items_event_officer', 'notification_items_feed', 'notification_items_pkey']);
  });

  it('marks the briefs withdrawn before WithdrawnRecords: by their withdrawn items, or their withdrawal notice to a webhook', async () => {
    const reach = (id: string) =>
      dataSource.query(
        `INSERT INTO record_reach (aggregate_id, sequence, classification, origin_organization_id, author_id, link) VALUES ($1, 2, 'green', gen_random_uuid(), gen_random_uuid(), '/briefs/' || $1)`,
        [id],
      );
    for (const id of ['by-items', 'by-notice', 'kept']) await reach(id);
    const [event] = await dataSource.query(
      `INSERT INTO notification_events (event_id, aggregate_id, event_type, classification, origin_organization_id, author_id, audience_organizations, audience_officers)
       VALUES (gen_random_uuid(), 'by-items', 'liaison.brief.published.v1', 'green', gen_random_uuid(), gen_random_uuid(), '{}', '{}') RETURNING event_id`,
    );
    await dataSource.query(
      `INSERT INTO notification_items (event_id, officer_id, organization_id, language, in_app, email, withdrawn_at) VALUES ($1, gen_random_uuid(), gen_random_uuid(), 'en', true, 'none', now())`,
      [event.event_id],
    );
    const [endpoint] = await dataSource.query(
      `INSERT INTO webhook_endpoints (id, organization_id, url, event_types, secret, created_by)
       VALUES (gen_random_uuid(), gen_random_uuid(), 'https://partner.example.org/hook', '{liaison.brief.withdrawn.v1}', 'enc:v1:x', gen_random_uuid()) RETURNING id`,
    );
    await dataSource.query(
      `INSERT INTO webhook_deliveries (endpoint_id, event_id, event_type, payload) VALUES ($1, gen_random_uuid(), 'liaison.brief.withdrawn.v1', '{"subject": "by-notice"}')`,
      [endpoint.id],
    );
    const runner = dataSource.createQueryRunner();
    try {
      await new WithdrawnRecords1768600000000().down(runner);
      await new WithdrawnRecords1768600000000().up(runner);
    } finally {
      await runner.release();
    }
    const marked = await dataSource.query(`SELECT aggregate_id, withdrawn_at IS NOT NULL AS withdrawn FROM record_reach ORDER BY 1`);
    expect(marked).toEqual([
      { aggregate_id: 'by-items', withdrawn: true },
      { aggregate_id: 'by-notice', withdrawn: true },
      { aggregate_id: 'kept', withdrawn: false },
    ]);
  });

  it('reads a stored UTC as no time zone chosen after TimeZoneNotChosen, and keeps the zones chosen', async () => {
    const runner = dataSource.createQueryRunner();
    try {
      await new TimeZoneNotChosen1768700000000().down(runner);
      // as the service made rows before: the default, or a zone chosen
      await dataSource.query(`INSERT INTO notification_preferences (officer_id) VALUES ('0190f5a0-0000-7000-8000-0000000000a1')`);
      await dataSource.query(`INSERT INTO notification_preferences (officer_id, timezone) VALUES ('0190f5a0-0000-7000-8000-0000000000a2', 'Asia/Tokyo')`);
      await new TimeZoneNotChosen1768700000000().up(runner);
    } finally {
      await runner.release();
    }
    const zones = await dataSource.query(`SELECT officer_id, timezone FROM notification_preferences WHERE officer_id::text LIKE '0190f5a0-%' ORDER BY 1`);
    expect(zones.map((row: { timezone: string | null }) => row.timezone)).toEqual([null, 'Asia/Tokyo']);
  });

  it('reverts to an empty schema of its own, and builds it again', async () => {
    const runner = dataSource.createQueryRunner();
    try {
      await new CreateNotifications1767225800000().down(runner);
      expect(await ownTables()).toEqual([]);
      await new CreateNotifications1767225800000().up(runner);
      expect(await ownTables()).toEqual(TABLES);
    } finally {
      await runner.release();
    }
  });
});
