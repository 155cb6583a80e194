import type { Viewer } from '@liaison/auth';
import { DigestScheduler } from '../src/email/digest-scheduler';
import { briefPublished, officer, officerJoined, organization, organizationRegistered, type TestOfficer } from './support/events';
import { type RunningNotifications, startTestNotifications, until } from './harness';

// Real: Postgres, JetStream, SMTP in this process. An officer's time zone is theirs to choose:
// the preferences say whether one was saved (null until then), so a client can tell a saved
// UTC from none and use its own zone only for none; the digest still goes out in UTC for none.

const AU = organization('AU', 'africa');
const chooser = officer(AU, 'chooser');
const undecided = officer(AU, 'undecided');
const viewerOf = (o: TestOfficer): Viewer => ({ officerId: o.id, organizationId: o.organizationId, roles: ['officer'] });

describe('the time zone an officer chose, or not', () => {
  let service: RunningNotifications;

  beforeAll(async () => {
    service = await startTestNotifications('notif_time_zone', { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
    await service.publish(organizationRegistered(AU));
    for (const o of [chooser, undecided]) await service.publish(officerJoined(o));
    await until(() => service.query(`SELECT id FROM registry_officers`), (rows) => rows.length === 2);
  }, 60_000);
  afterAll(() => service.stop());

  const as = async (o: TestOfficer) => `Bearer ${await service.token(viewerOf(o))}`;
  const preferences = async (o: TestOfficer) =>
    (await service.http.get('/api/v1/notifications/preferences').set('Authorization', await as(o)).expect(200)).body as { timezone: string | null; digestHour: number };
  const change = async (o: TestOfficer, body: object, status = 200) =>
    (await service.http.patch('/api/v1/notifications/preferences').set('Authorization', await as(o)).send(body).expect(status)).body;

  it('says null until a zone is saved, a saved UTC as UTC, and null again once the officer clears it', async () => {
    expect(await preferences(chooser)).toEqual({ timezone: null, digestHour: 8 });

    expect(await change(chooser, { timezone: 'UTC' })).toEqual({ timezone: 'UTC', digestHour: 8 });
    expect((await preferences(chooser)).timezone).toBe('UTC');

    // another field alone leaves the zone as it is
    expect(await change(chooser, { digestHour: 7 })).toEqual({ timezone: 'UTC', digestHour: 7 });

    expect(await change(chooser, { timezone: null })).toEqual({ timezone: null, digestHour: 7 });
    expect((await preferences(chooser)).timezone).toBeNull();
  });

  it('refuses a zone that is not an IANA one, naming the field, and keeps the one saved', async () => {
    await change(chooser, { timezone: 'Europe/Brussels' });
    const problem = await change(chooser, { timezone: 'Mars/Olympus_Mons' }, 400);
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'timezone' })]);
    expect((await preferences(chooser)).timezone).toBe('Europe/Brussels');
  });

  it("sends the digest of an officer who chose no zone at the digest hour in UTC", async () => {
    await service.http
      .post('/api/v1/subscriptions')
      .set('Authorization', await as(undecided))
      .send({ filters: { countries: ['ML'] }, channels: ['email'], frequency: 'daily' })
      .expect(201);
    expect((await preferences(undecided)).timezone).toBeNull();
    const brief = briefPublished({ author: chooser, classification: 'green', countries: ['ML'], title: 'Digest without a zone' });
    await service.publish(brief);
    await until(() => service.query(`SELECT id FROM notification_items WHERE event_id = $1 AND officer_id = $2`, [brief.id, undecided.id]), (rows) => rows.length === 1);

    const tomorrow = new Date(Date.now() + 24 * 3600_000);
    const at = (hour: number) => new Date(Date.UTC(tomorrow.getUTCFullYear(), tomorrow.getUTCMonth(), tomorrow.getUTCDate(), hour, 30));
    const scheduler = service.app.get(DigestScheduler);
    expect(await scheduler.prepare(at(7))).toBe(0);
    expect(await scheduler.prepare(at(8))).toBe(1);
    const [digest] = await service.query(`SELECT to_char(digest_date, 'YYYY-MM-DD') AS day FROM email_deliveries WHERE officer_id = $1 AND kind = 'digest'`, [undecided.id]);
    expect(digest.day).toBe(at(8).toISOString().slice(0, 10));
    await until(async () => service.mailbox.to(undecided.email), (mails) => mails.some((m) => m.text.includes('Digest without a zone')));
  });
});
