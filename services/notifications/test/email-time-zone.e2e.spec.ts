import type { Viewer } from '@liaison/auth';
import { DialogueScheduledEvent } from '@liaison/contracts';
import { DigestScheduler } from '../src/email/digest-scheduler';
import { dialogueScheduled, officer, officerJoined, organization, organizationRegistered, type TestOfficer } from './support/events';
import { type RunningNotifications, startTestNotifications, until } from './harness';

// Real: Postgres, JetStream, SMTP in this process. An e-mail shows every time where its reader
// is: in the time zone the officer chose, named, or in UTC, so labelled, when they chose none.
// The dialogue starts at 22:30 UTC, already the next day in Addis Ababa and still the afternoon
// in Lima, so a time in the wrong zone shows the wrong hour, and for Addis Ababa the wrong day.

const AU = organization('AU', 'africa');
const EU = organization('EU', 'europe');
const author = officer(AU, 'author');
const inAddis = officer(AU, 'addis');
const undecided = officer(AU, 'undecided');
const inLima = officer(EU, 'lima');
const PEOPLE = [author, inAddis, undecided, inLima];
const STARTS_AT = '2027-03-01T22:30:00Z';
const viewerOf = (o: TestOfficer): Viewer => ({ officerId: o.id, organizationId: o.organizationId, roles: ['officer'] });
/** Intl separates some parts with narrow or no-break spaces: compared as plain ones. */
const plain = (text: string) => text.replace(/\s+/g, ' ');

describe('the times an e-mail shows are in its reader’s time zone', () => {
  let service: RunningNotifications;

  beforeAll(async () => {
    // digests are prepared by the test, at the hour it names
    service = await startTestNotifications('notif_email_zone', { DIGEST_CHECK_MS: '3600000', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
    for (const org of [AU, EU]) await service.publish(organizationRegistered(org));
    for (const o of PEOPLE) await service.publish(officerJoined(o));
    await until(() => service.query(`SELECT id FROM registry_officers`), (rows) => rows.length === PEOPLE.length);
  }, 60_000);
  afterAll(() => service.stop());

  const as = async (o: TestOfficer) => `Bearer ${await service.token(viewerOf(o))}`;
  const chooseZone = async (o: TestOfficer, timezone: string) =>
    service.http.patch('/api/v1/notifications/preferences').set('Authorization', await as(o)).send({ timezone }).expect(200);
  const mailTo = (o: TestOfficer, title: string) =>
    until(async () => service.mailbox.to(o.email), (mails) => mails.some((m) => m.text.includes(title))).then((mails) => mails.find((m) => m.text.includes(title))!);

  it('an item e-mail: the start in the zone the officer chose, or in UTC for one who chose none', async () => {
    await chooseZone(inAddis, 'Africa/Addis_Ababa');
    // a dialogue AU takes part in concerns its officers: their default subscription e-mails it at once
    const scheduled = dialogueScheduled({ author, classification: 'green', title: 'Desk talks ZONE-1', startsAt: STARTS_AT });
    await service.publish(scheduled);

    const addis = await mailTo(inAddis, 'Desk talks ZONE-1');
    expect(plain(addis.text)).toContain('Mar 2, 2027, 1:30 AM (Africa/Addis_Ababa)');
    expect(plain(addis.html)).toContain('Mar 2, 2027, 1:30 AM (Africa/Addis_Ababa)');

    const utc = await mailTo(undecided, 'Desk talks ZONE-1');
    expect(plain(utc.text)).toContain('Mar 1, 2027, 10:30 PM (UTC)');
    expect(plain(utc.text)).not.toContain('Addis');
  });

  it('a digest: each item’s times in the zone its reader chose', async () => {
    await chooseZone(inLima, 'America/Lima');
    await service.http
      .post('/api/v1/subscriptions')
      .set('Authorization', await as(inLima))
      .send({ filters: { eventTypes: [DialogueScheduledEvent.type] }, channels: ['email'], frequency: 'daily' })
      .expect(201);
    const scheduled = dialogueScheduled({ author, classification: 'green', title: 'Desk talks ZONE-2', startsAt: STARTS_AT });
    await service.publish(scheduled);
    await until(() => service.query(`SELECT id FROM notification_items WHERE event_id = $1 AND officer_id = $2`, [scheduled.id, inLima.id]), (rows) => rows.length === 1);

    // 08:30 in Lima tomorrow, the default digest hour there
    const tomorrow = new Date(Date.now() + 24 * 3600_000);
    expect(await service.app.get(DigestScheduler).prepare(new Date(Date.UTC(tomorrow.getUTCFullYear(), tomorrow.getUTCMonth(), tomorrow.getUTCDate(), 13, 30)))).toBe(1);

    const digest = await mailTo(inLima, 'Desk talks ZONE-2');
    expect(plain(digest.text)).toContain('Mar 1, 2027, 5:30 PM (America/Lima)');
  });
});
