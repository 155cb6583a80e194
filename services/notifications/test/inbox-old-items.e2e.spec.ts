import { Client } from 'pg';
import type { Viewer } from '@liaison/auth';
import { dialogueScheduled, officer, officerJoined, organization, organizationRegistered, type TestOfficer } from './support/events';
import { type RunningNotifications, startTestNotifications, until } from './harness';

// Real: Postgres and JetStream. An inbox item made before its event's message params were kept
// (notification_events.message_params NULL, as every row from before InboxMessageParams1768800000001)
// cannot be rendered again in its reader's zone: every read gives the text it was made with, as
// stored, while an item beside it that has its params shows its time in the reader's zone.

const AU = organization('AU', 'africa');
const author = officer(AU, 'author');
const reader = officer(AU, 'reader');
const STARTS_AT = '2027-03-01T22:30:00Z';
const IN_LIMA = 'Mar 1, 2027, 5:30 PM (America/Lima)';
const viewerOf = (o: TestOfficer): Viewer => ({ officerId: o.id, organizationId: o.organizationId, roles: ['officer'] });
/** Intl separates some parts with narrow or no-break spaces: compared as plain ones. */
const plain = (text: string) => text.replace(/\s+/g, ' ');

interface Item {
  id: string;
  eventId: string;
  title: string;
  summary: string;
}

describe('an inbox item from before message params were kept', () => {
  let service: RunningNotifications;

  beforeAll(async () => {
    service = await startTestNotifications('notif_inbox_old_items', { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
    await service.publish(organizationRegistered(AU));
    for (const o of [author, reader]) await service.publish(officerJoined(o));
    await until(() => service.query(`SELECT id FROM registry_officers`), (rows) => rows.length === 2);
  }, 60_000);
  afterAll(() => service.stop());

  const as = async (o: TestOfficer) => `Bearer ${await service.token(viewerOf(o))}`;
  const schedule = async (title: string) => {
    const scheduled = dialogueScheduled({ author, classification: 'green', title, startsAt: STARTS_AT });
    await service.publish(scheduled);
    await until(() => service.query(`SELECT id FROM notification_items WHERE event_id = $1`, [scheduled.id]), (rows) => rows.length === 1);
    return scheduled;
  };

  it('keeps the text it was made with in the inbox, read alone and marked read, whatever zone its reader chose', async () => {
    const old = await schedule('Desk talks OLD-1');
    const fresh = await schedule('Desk talks NEW-2');
    // the old row: no params, as the fan-out wrote events before the column was there
    const db = new Client({ connectionString: service.databaseUrl });
    await db.connect();
    try {
      await db.query(`UPDATE notification_events SET message_params = NULL WHERE event_id = $1`, [old.id]);
    } finally {
      await db.end();
    }
    const [stored] = await service.query(`SELECT titles ->> 'en' AS title, summaries ->> 'en' AS summary FROM notification_events WHERE event_id = $1`, [old.id]);
    // what it was made with does not show the time where its reader now is: a text rendered again would
    expect(plain(stored.summary)).not.toContain(IN_LIMA);
    await service.http.patch('/api/v1/notifications/preferences').set('Authorization', await as(reader)).send({ timezone: 'America/Lima' }).expect(200);

    const { items } = (await service.http.get('/api/v1/notifications').set('Authorization', await as(reader)).expect(200)).body as { items: Item[] };
    // in one page with an item that has its params: that one in the reader's zone, the old one as stored
    expect(plain(items.find((item) => item.eventId === fresh.id)!.summary)).toContain(IN_LIMA);
    const listed = items.find((item) => item.eventId === old.id)!;
    expect({ title: listed.title, summary: listed.summary }).toEqual(stored);

    const read = (await service.http.get(`/api/v1/notifications/${listed.id}`).set('Authorization', await as(reader)).expect(200)).body as Item;
    expect({ title: read.title, summary: read.summary }).toEqual(stored);
    const marked = (await service.http.post(`/api/v1/notifications/${listed.id}/read`).set('Authorization', await as(reader)).expect(200)).body as Item;
    expect({ title: marked.title, summary: marked.summary }).toEqual(stored);
  });
});
