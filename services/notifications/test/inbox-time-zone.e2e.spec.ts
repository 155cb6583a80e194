import { Client } from 'pg';
import type { Viewer } from '@liaison/auth';
import type { NotificationsCreated, NotificationsCreatedByLanguage } from '@liaison/contracts';
import { dialogueScheduled, officer, officerJoined, organization, organizationRegistered, type TestOfficer } from './support/events';
import { SseClient } from './support/sse-client';
import { type RunningNotifications, startTestNotifications, until } from './harness';

// Real: Postgres, JetStream, SSE over HTTP. As an e-mail does (email-time-zone.e2e.spec.ts), the
// inbox, the live feed and notification.created show every time where their reader is: in the
// zone the officer chose, named, or in UTC, so labelled, when they chose none; rendered at each
// read, so a new zone shows on the next one. The dialogue starts at 22:30 UTC, already the next
// day in Addis Ababa and still the afternoon in Lima. NOTIFICATION_CREATED_V1 and _V2 are on, so
// every version of notification.created is checked.

const AU = organization('AU', 'africa');
const author = officer(AU, 'author');
const traveller = officer(AU, 'traveller');
const undecided = officer(AU, 'undecided');
const watcher = officer(AU, 'watcher');
const PEOPLE = [author, traveller, undecided, watcher];
const STARTS_AT = '2027-03-01T22:30:00Z';
const IN_ADDIS = 'Mar 2, 2027, 1:30 AM (Africa/Addis_Ababa)';
const IN_LIMA = 'Mar 1, 2027, 5:30 PM (America/Lima)';
const IN_UTC = 'Mar 1, 2027, 10:30 PM (UTC)';
const viewerOf = (o: TestOfficer): Viewer => ({ officerId: o.id, organizationId: o.organizationId, roles: ['officer'] });
/** Intl separates some parts with narrow or no-break spaces: compared as plain ones. */
const plain = (text: string) => text.replace(/\s+/g, ' ');

interface Item {
  id: string;
  title: string;
  summary: string;
}

describe('the times the inbox, the live feed and notification.created show are in their reader’s time zone', () => {
  let service: RunningNotifications;

  beforeAll(async () => {
    service = await startTestNotifications('notif_inbox_zone', {
      NOTIFICATION_CREATED_V1: 'true',
      NOTIFICATION_CREATED_V2: 'true',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    });
    await service.publish(organizationRegistered(AU));
    for (const o of PEOPLE) await service.publish(officerJoined(o));
    await until(() => service.query(`SELECT id FROM registry_officers`), (rows) => rows.length === PEOPLE.length);
  }, 60_000);
  afterAll(() => service.stop());

  const as = async (o: TestOfficer) => `Bearer ${await service.token(viewerOf(o))}`;
  const chooseZone = async (o: TestOfficer, timezone: string | null) =>
    service.http.patch('/api/v1/notifications/preferences').set('Authorization', await as(o)).send({ timezone }).expect(200);
  /** A dialogue AU takes part in, starting at STARTS_AT: it concerns AU's officers, so each gets an item. */
  const schedule = async (title: string) => {
    const scheduled = dialogueScheduled({ author, classification: 'green', title, startsAt: STARTS_AT });
    await service.publish(scheduled);
    await until(() => service.query(`SELECT id FROM notification_items WHERE event_id = $1`, [scheduled.id]), (rows) => rows.length === PEOPLE.length - 1);
    return scheduled;
  };
  const inbox = async (o: TestOfficer): Promise<Item[]> =>
    (await service.http.get('/api/v1/notifications').set('Authorization', await as(o)).expect(200)).body.items;
  const itemAbout = async (o: TestOfficer, title: string) => (await inbox(o)).find((item) => item.title.includes(title))!;

  it('the inbox: the start in the zone the officer chose, in the new zone once they change it, in UTC for one who chose none', async () => {
    await chooseZone(traveller, 'Africa/Addis_Ababa');
    await schedule('Desk talks INBOX-1');

    const listed = await itemAbout(traveller, 'INBOX-1');
    expect(plain(listed.summary)).toContain(IN_ADDIS);
    const read = (await service.http.get(`/api/v1/notifications/${listed.id}`).set('Authorization', await as(traveller)).expect(200)).body as Item;
    expect(plain(read.summary)).toContain(IN_ADDIS);
    const marked = (await service.http.post(`/api/v1/notifications/${listed.id}/read`).set('Authorization', await as(traveller)).expect(200)).body as Item;
    expect(plain(marked.summary)).toContain(IN_ADDIS);

    // the same item, read again after the officer moved: the time where they are now
    await chooseZone(traveller, 'America/Lima');
    expect(plain((await itemAbout(traveller, 'INBOX-1')).summary)).toContain(IN_LIMA);
    const again = (await service.http.get(`/api/v1/notifications/${listed.id}`).set('Authorization', await as(traveller)).expect(200)).body as Item;
    expect(plain(again.summary)).toContain(IN_LIMA);

    expect(plain((await itemAbout(undecided, 'INBOX-1')).summary)).toContain(IN_UTC);
    // a zone given up again: UTC, labelled
    await chooseZone(traveller, null);
    expect(plain((await itemAbout(traveller, 'INBOX-1')).summary)).toContain(IN_UTC);
  });

  it('the live feed: the start in the zone its officer chose', async () => {
    await chooseZone(watcher, 'Africa/Addis_Ababa');
    const feed = await SseClient.open(`${service.origin}/api/v1/notifications/stream`, { Authorization: await as(watcher) });
    try {
      await until(() => service.query(`SELECT 1 FROM live_feeds WHERE officer_id = $1`, [watcher.id]), (rows) => rows.length > 0);
      await schedule('Desk talks LIVE-2');
      const about = () => feed.messages.find((m) => m.event === 'notification' && m.data.title.includes('LIVE-2'));
      await until(async () => about(), Boolean);
      expect(plain(about()!.data.summary)).toContain(IN_ADDIS);
    } finally {
      feed.close();
    }
  });

  it('notification.created: each item’s text shows the start in its officer’s zone, in every version', async () => {
    await chooseZone(traveller, 'America/Lima');
    await chooseZone(watcher, 'Africa/Addis_Ababa');
    const scheduled = await schedule('Desk talks EVENT-3');
    const created = await until(
      async () => (await service.events('liaison.notifications.notification.created')).filter((m) => (m.event.data as any)?.eventId === scheduled.id),
      (messages) => messages.filter((m) => m.event.type === 'liaison.notification.created.v1').length === 3 && messages.some((m) => m.event.type === 'liaison.notification.created.v2'),
    );
    const expected = new Map([
      [traveller.id, IN_LIMA],
      [watcher.id, IN_ADDIS],
      [undecided.id, IN_UTC],
    ]);

    // version 3: once per zone, each with the items of the officers in it and its texts in that zone
    const v3 = created.filter((m) => m.event.type === 'liaison.notification.created.v3').map((m) => m.event.data as NotificationsCreatedByLanguage);
    expect(v3).toHaveLength(3);
    for (const [officerId, time] of expected) {
      const [ofZone] = v3.filter((data) => data.notifications.some((n) => n.officerId === officerId));
      expect(ofZone.notifications).toHaveLength(1);
      expect(ofZone.texts).toHaveLength(1);
      expect(plain(ofZone.texts[0].summary)).toContain(time);
    }

    // version 2: each item's own text
    const [v2] = created.filter((m) => m.event.type === 'liaison.notification.created.v2').map((m) => m.event.data as NotificationsCreated);
    for (const [officerId, time] of expected) {
      expect(plain(v2.notifications.find((n) => n.officerId === officerId)!.summary)).toContain(time);
    }

    // version 1: one event per item
    for (const [officerId, time] of expected) {
      const v1 = created.find((m) => m.event.type === 'liaison.notification.created.v1' && (m.event.data as any).officerId === officerId)!;
      expect(plain((v1.event.data as any).summary)).toContain(time);
    }
  });

  it('a zone this runtime does not know (saved by a replica with newer time-zone data): UTC, labelled, and nothing fails', async () => {
    await chooseZone(undecided, 'Africa/Addis_Ababa');
    const db = new Client({ connectionString: service.databaseUrl });
    await db.connect();
    try {
      await db.query(`UPDATE notification_preferences SET timezone = 'Mars/Olympus_Mons' WHERE officer_id = $1`, [undecided.id]);
    } finally {
      await db.end();
    }
    // the fan-out renders notification.created in each recipient's zone: it makes every item still
    await schedule('Desk talks UNKNOWN-4');
    expect(plain((await itemAbout(undecided, 'UNKNOWN-4')).summary)).toContain(IN_UTC);
    expect(plain((await itemAbout(watcher, 'UNKNOWN-4')).summary)).toContain(IN_ADDIS);
    const mail = await until(async () => service.mailbox.to(undecided.email), (mails) => mails.some((m) => m.text.includes('UNKNOWN-4')));
    expect(plain(mail.find((m) => m.text.includes('UNKNOWN-4'))!.text)).toContain(IN_UTC);
  });
});
