import type { Viewer } from '@liaison/auth';
import { DigestScheduler } from '../src/email/digest-scheduler';
import { briefPublished, officer, officerJoined, organization, organizationRegistered, type TestOfficer } from './support/events';
import { type RunningNotifications, startTestNotifications, until } from './harness';

// Real: Postgres, JetStream, SMTP. The service is stopped in the middle of a stream of events and
// started again on the same database and durable consumers.

const AU = organization('AU', 'africa');
const EU = organization('EU', 'europe');
const author = officer(AU, 'author');
const reader = officer(EU, 'reader', 'ru');
const digester = officer(EU, 'digester', 'ar');

const viewerOf = (o: TestOfficer): Viewer => ({ officerId: o.id, organizationId: o.organizationId, roles: ['officer'] });

describe('restart mid-stream, redelivery and daily digests', () => {
  let service: RunningNotifications;
  const auth = async (o: TestOfficer) => ({ Authorization: `Bearer ${await service.token(viewerOf(o))}` });

  beforeAll(async () => {
    service = await startTestNotifications('notif_resilience', { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
    for (const org of [AU, EU]) await service.publish(organizationRegistered(org));
    for (const o of [author, reader, digester]) await service.publish(officerJoined(o));
    await until(() => service.query(`SELECT id FROM registry_officers`), (rows) => rows.length === 3);
    await service.http.post('/api/v1/subscriptions').set(await auth(reader)).send({ filters: { countries: ['ML'] }, channels: ['in-app', 'email'] }).expect(201);
    await service.http
      .post('/api/v1/subscriptions')
      .set(await auth(digester))
      .send({ filters: { themes: ['humanitarian'] }, channels: ['email'], frequency: 'daily' })
      .expect(201);
    await service.http.patch('/api/v1/notifications/preferences').set(await auth(digester)).send({ timezone: 'Asia/Tokyo', digestHour: 9 }).expect(200);
  });
  afterAll(() => service.stop());

  it('nothing missed, nothing twice: items and e-mails across a restart in the middle of the stream', async () => {
    const briefs = Array.from({ length: 30 }, (_, n) => briefPublished({ author, classification: 'green', countries: ['ML'], themes: ['mediation'], title: `Mali ${n}` }));
    for (const brief of briefs.slice(0, 15)) await service.publish(brief);
    await until(() => service.query(`SELECT id FROM notification_items WHERE officer_id = $1`, [reader.id]), (rows) => rows.length >= 3);
    await service.stopApp();
    for (const brief of briefs.slice(15)) await service.publish(brief);
    // a relay re-publishing after a crash: same events, new message ids
    for (const brief of briefs.slice(0, 5)) await service.publish(brief, `${brief.id}:republished`);
    await service.startApp();

    const items = await until(
      () => service.query(`SELECT event_id FROM notification_items WHERE officer_id = $1`, [reader.id]),
      (rows) => rows.length >= 30,
      45_000,
    );
    expect(items.map((r) => r.event_id).sort()).toEqual(briefs.map((b) => b.id).sort());
    const mails = await until(async () => service.mailbox.to(reader.email), (m) => m.length >= 30, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(service.mailbox.to(reader.email)).toHaveLength(30);
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(30);
    expect(mails[0].language).toBe('ru');
  }, 90_000);

  it('one daily digest per officer at the hour they chose, in their time zone and language', async () => {
    const relief = [0, 1, 2].map((n) => briefPublished({ author, classification: n === 2 ? 'amber-strict' : 'green', audience: {}, themes: ['humanitarian'], countries: ['SD'], title: `Relief ${n}` }));
    // amber-strict of AU: the EU digester may not see it at all
    for (const brief of relief) await service.publish(brief);
    await until(() => service.query(`SELECT id FROM notification_items WHERE officer_id = $1 AND email = 'daily'`, [digester.id]), (rows) => rows.length >= 2);
    expect(await service.query(`SELECT id FROM email_deliveries WHERE officer_id = $1`, [digester.id])).toEqual([]);

    const scheduler = service.app.get(DigestScheduler);
    const tomorrow = new Date(Date.now() + 24 * 3600_000).toISOString().slice(0, 10);
    expect(await scheduler.prepare(new Date(`${tomorrow}T08:30:00+09:00`))).toBe(0); // 08:30 in Tokyo: not yet
    expect(await scheduler.prepare(new Date(`${tomorrow}T09:05:00+09:00`))).toBe(1);
    expect(await scheduler.prepare(new Date(`${tomorrow}T10:00:00+09:00`))).toBe(0); // one a day
    const [digest] = await until(async () => service.mailbox.to(digester.email), (m) => m.length >= 1);
    expect(digest.subject).toBe('ليايزون: تحديثان اليوم'); // two: the Arabic dual
    expect(digest.html).toContain('dir="rtl"');
    expect(digest.messageId).toBe(`<digest.${digester.id}.${tomorrow}@notifications.liaison.example.org>`);
    expect(digest.text).toContain('Relief 0');
    expect(digest.text).not.toContain('Relief 2');
  });
});
