import type { Viewer } from '@liaison/auth';
import { BriefReclassifiedEvent, BriefWithdrawnEvent, type LiaisonEvent } from '@liaison/contracts';
import { briefPublished, briefWithdrawn, officer, officerJoined, organization, organizationRegistered, reclassified, type TestOfficer } from './support/events';
import { type RunningNotifications, startTestNotifications, until } from './harness';

// Real: Postgres, JetStream, the SMTP server and a webhook receiver in this process. A withdrawn
// brief is withdrawn for good: neither an event about it that arrives after the withdrawal (late,
// on its own subject, or replayed from the dead letters) nor a delivery that was on the wire when
// the withdrawal came brings it to anyone.

const AU = organization('AU', 'africa');
const EU = organization('EU', 'europe');
const auAuthor = officer(AU, 'author');
const euOfficer = officer(EU, 'claire');
const euAdmin: Viewer = { officerId: crypto.randomUUID(), organizationId: EU.id, roles: ['officer', 'admin'] };
const BRIEF = 'liaison.brief.published.v1';

describe('a withdrawn brief stays withdrawn, whatever arrives after the withdrawal', () => {
  let service: RunningNotifications;

  beforeAll(async () => {
    service = await startTestNotifications('notif_withdrawn_late', { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
    for (const org of [AU, EU]) await service.publish(organizationRegistered(org));
    for (const o of [auAuthor, euOfficer]) await service.publish(officerJoined(o as TestOfficer));
    await until(() => service.query(`SELECT id FROM registry_officers`), (rows) => rows.length === 2);
    const viewer: Viewer = { officerId: euOfficer.id, organizationId: EU.id, roles: ['officer'] };
    await service.http
      .post('/api/v1/subscriptions')
      .set({ Authorization: `Bearer ${await service.token(viewer)}` })
      .send({ filters: { countries: ['SD'] }, channels: ['in-app', 'email'], frequency: 'immediate' })
      .expect(201);
    const { body } = await service.http
      .post('/api/v1/webhooks')
      .set({ Authorization: `Bearer ${await service.token(euAdmin)}` })
      .send({ url: `${service.receiver.origin}/eu`, eventTypes: [BRIEF] })
      .expect(201);
    service.receiver.secrets.set('/eu', body.secret);
  });
  afterAll(() => service.stop());

  const deliveryOf = async (eventId: string) =>
    (await service.query<{ status: string; attempts: number }>(`SELECT status, attempts FROM webhook_deliveries WHERE event_id = $1`, [eventId]))[0];

  it('a brief.published arriving after its withdrawal makes no item, e-mail or webhook delivery', async () => {
    const brief = briefPublished({ author: auAuthor, classification: 'green', title: 'Withdrawn before it arrived' });
    await service.publish(briefWithdrawn(brief));
    await until(() => service.query(`SELECT 1 FROM record_reach WHERE aggregate_id = $1`, [brief.subject]), (rows) => rows.length === 1);
    await service.publish(brief);
    // a brief published after it, on the same subject, is handled after it: once it is out, the late one was fanned out
    const marker = briefPublished({ author: auAuthor, classification: 'green', title: 'Published after' });
    await service.publish(marker);
    await until(async () => service.mailbox.to(euOfficer.email), (mails) => mails.some((m) => m.subject.includes('Published after') || m.text.includes('Published after')));
    await until(async () => service.receiver.at('/eu'), (hooks) => hooks.some((h) => h.body.id === marker.id));

    expect(await service.query(`SELECT id FROM notification_items i JOIN notification_events e USING (event_id) WHERE e.aggregate_id = $1`, [brief.subject])).toEqual([]);
    expect(await service.query(`SELECT id FROM email_deliveries WHERE event_id = $1`, [brief.id])).toEqual([]);
    expect(await service.query(`SELECT id FROM webhook_deliveries WHERE event_id = $1`, [brief.id])).toEqual([]);
    expect(service.mailbox.to(euOfficer.email).some((m) => `${m.subject} ${m.text}`.includes('Withdrawn before it arrived'))).toBe(false);
    expect(service.receiver.at('/eu').some((h) => h.body.id === brief.id)).toBe(false);
  });

  it('a delivery on the wire when the withdrawal comes, refused by the receiver, is not tried again', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    service.receiver.hold = (path) => (path === '/eu' ? held : Promise.resolve());
    service.receiver.status = () => 503;
    const brief = briefPublished({ author: auAuthor, classification: 'green', title: 'Withdrawn while on the wire' });
    const attemptsBefore = service.receiver.attempts.length;
    await service.publish(brief);
    await until(async () => service.receiver.attempts.length, (n) => n > attemptsBefore);
    expect(await deliveryOf(brief.id)).toMatchObject({ status: 'sending', attempts: 1 });

    await service.publish(briefWithdrawn(brief));
    await until(() => deliveryOf(brief.id), (d) => d.status === 'cancelled');
    // the partner answers the attempt it held with a 503, and is back for any next one
    service.receiver.hold = async () => undefined;
    let answers = 0;
    service.receiver.status = () => (answers++ === 0 ? 503 : 204);
    release();

    // time for the held attempt's outcome, and for a retry (after 50 ms, polled every 200 ms) if one were made
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await deliveryOf(brief.id)).toMatchObject({ status: 'cancelled', attempts: 1 });
    expect(service.receiver.at('/eu').some((h) => h.body.id === brief.id)).toBe(false);
  });

  it('a partner that was down when the brief was published learns of its withdrawal, and nothing of the brief', async () => {
    const { body } = await service.http
      .post('/api/v1/webhooks')
      .set({ Authorization: `Bearer ${await service.token(euAdmin)}` })
      .send({ url: `${service.receiver.origin}/eu-both`, eventTypes: [BRIEF, BriefWithdrawnEvent.type] })
      .expect(201);
    service.receiver.secrets.set('/eu-both', body.secret);
    service.receiver.status = (path) => (path === '/eu-both' ? 503 : 204);
    const brief = briefPublished({ author: auAuthor, classification: 'green', title: 'Title WITHDRAWN-3', summary: 'Summary WITHDRAWN-3' });
    await service.publish(brief);
    const deliveryTo = async (eventId: string) =>
      (await service.query(`SELECT d.status, d.attempts FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id WHERE d.event_id = $1 AND e.url LIKE '%/eu-both'`, [eventId]))[0];
    await until(() => deliveryTo(brief.id), (d) => d?.status === 'pending' && d.attempts >= 1);

    const withdrawal = briefWithdrawn(brief);
    await service.publish(withdrawal);
    await until(() => deliveryTo(brief.id), (d) => d.status === 'cancelled');
    service.receiver.status = () => 204;
    const [told] = await until(async () => service.receiver.at('/eu-both').filter((h) => h.body.id === withdrawal.id), (h) => h.length === 1);

    expect(told.body).toMatchObject({ type: BriefWithdrawnEvent.type, subject: brief.subject, data: { restricted: true, withdrawn: true } });
    expect(told.body.data.link).toBe(`https://liaison.example.org/briefs/${brief.subject}`);
    expect(JSON.stringify(service.receiver.at('/eu-both'))).not.toContain('WITHDRAWN-3');
  });

  it('a reclassification made before the withdrawal and handled after it tells no partner of the withdrawn brief', async () => {
    const { body } = await service.http
      .post('/api/v1/webhooks')
      .set({ Authorization: `Bearer ${await service.token(euAdmin)}` })
      .send({ url: `${service.receiver.origin}/eu-reach`, eventTypes: [BriefReclassifiedEvent.type] })
      .expect(201);
    service.receiver.secrets.set('/eu-reach', body.secret);
    service.receiver.status = () => 204;
    const handled = (event: LiaisonEvent) => until(() => service.query(`SELECT 1 FROM inbox WHERE event_id = $1`, [event.id]), (rows) => rows.length > 0);
    const brief = briefPublished({ author: auAuthor, classification: 'green', title: 'Reclassified, then withdrawn' });
    await service.publish(brief);
    await until(async () => service.receiver.at('/eu'), (hooks) => hooks.some((h) => h.body.id === brief.id));
    // version 2 narrows it to the EU, version 3 withdraws it; the withdrawal is handled first
    const narrowed = reclassified(brief, 'amber', { organizations: [EU.id] }, 2);
    const withdrawal = { ...briefWithdrawn(brief), sequence: '3' };
    await service.publish(withdrawal);
    await handled(withdrawal);
    await service.publish(narrowed);
    await handled(narrowed);

    expect(await service.query(`SELECT endpoint_id FROM webhook_deliveries WHERE event_id = $1`, [narrowed.id])).toEqual([]);
  });
});
