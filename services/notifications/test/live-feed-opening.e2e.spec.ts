import { Client } from 'pg';
import { dialogueScheduled, officer, officerJoined, organization, organizationRegistered } from './support/events';
import { SseClient } from './support/sse-client';
import { type RunningNotifications, startTestNotifications, until } from './harness';

// Real: Postgres, JetStream, SSE over HTTP. A live feed listens for its officer's nudges before it
// reads where to start, so that nothing committed in between is missed. An item committed while
// the feed is still opening must then reach it, and the nudge it brings must not take the service
// down. The feed is held open half-way by a lock another connection takes on the table it reads
// last.

const AU = organization('AU', 'africa');
const author = officer(AU, 'author');
const reader = officer(AU, 'reader');

describe('a live feed that is still opening', () => {
  let service: RunningNotifications;

  beforeAll(async () => {
    service = await startTestNotifications('notif_feed_opening', { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
    await service.publish(organizationRegistered(AU));
    for (const o of [author, reader]) await service.publish(officerJoined(o));
    await until(() => service.query(`SELECT id FROM registry_officers`), (rows) => rows.length === 2);
  }, 60_000);
  afterAll(() => service.stop());

  it('gets the item committed meanwhile, and the service keeps serving', async () => {
    const token = await service.token({ officerId: reader.id, organizationId: AU.id, roles: ['officer'] });
    const holder = new Client({ connectionString: service.databaseUrl });
    await holder.connect();
    let feed: SseClient | undefined;
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE live_signals IN ACCESS EXCLUSIVE MODE');
      const opening = SseClient.open(`${service.origin}/api/v1/notifications/stream`, { Authorization: `Bearer ${token}` });
      // the feed has its lease and its inbox position, and waits to read its last signal
      await until(
        () => service.query(`SELECT 1 FROM pg_locks WHERE relation = 'live_signals'::regclass AND NOT granted`),
        (rows) => rows.length > 0,
      );

      const scheduled = dialogueScheduled({ author, classification: 'green', title: 'Desk talks OPENING-1', startsAt: '2027-03-01T09:00:00Z' });
      await service.publish(scheduled);
      await until(() => service.query(`SELECT id FROM notification_items WHERE event_id = $1 AND officer_id = $2`, [scheduled.id, reader.id]), (rows) => rows.length === 1);
      // the nudge of that commit has come to the opening feed's listener
      await new Promise((resolve) => setTimeout(resolve, 500));

      await holder.query('COMMIT');
      feed = await opening;
      expect(feed.status).toBe(200);
      await until(async () => feed!.messages.filter((m) => m.event === 'notification' && m.data.title.includes('OPENING-1')), (found) => found.length === 1);
      await service.http.get('/health/live').expect(200);
    } finally {
      feed?.close();
      await holder.query('ROLLBACK').catch(() => undefined);
      await holder.end();
    }
  });
});
