import type { Viewer } from '@liaison/auth';
import { briefPublished, briefWithdrawn, officer, officerJoined, organization, organizationRegistered, type TestOfficer } from './support/events';
import { type RunningNotifications, startTestNotifications, until } from './harness';

// Real: Postgres, JetStream, HTTP to a receiver in this process. A partner system that is down
// when a brief is published must not get the brief after its author withdrew it.

const AU = organization('AU', 'africa');
const EU = organization('EU', 'europe');
const auAuthor = officer(AU, 'author');
const euAdmin: Viewer = { officerId: crypto.randomUUID(), organizationId: EU.id, roles: ['officer', 'admin'] };
const BRIEF = 'liaison.brief.published.v1';

describe('a withdrawal cancels what was not delivered yet', () => {
  let service: RunningNotifications;

  beforeAll(async () => {
    // a failed attempt waits a minute before the next: the delivery stays pending during the test
    service = await startTestNotifications('notif_withdrawal', { WEBHOOK_RETRY_BASE_MS: '60000', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
    for (const org of [AU, EU]) await service.publish(organizationRegistered(org));
    await service.publish(officerJoined(auAuthor as TestOfficer));
    await until(() => service.query(`SELECT id FROM registry_officers`), (rows) => rows.length === 1);
    service.receiver.status = () => 503;
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

  it('cancels the pending webhook deliveries of the withdrawn brief, and only those', async () => {
    const withdrawn = briefPublished({ author: auAuthor, classification: 'green', title: 'Withdrawn before the partner was back' });
    const kept = briefPublished({ author: auAuthor, classification: 'green', title: 'Still to be delivered' });
    await service.publish(withdrawn);
    await service.publish(kept);
    // each tried once, refused by the partner (503), waiting for its next attempt
    for (const event of [withdrawn, kept]) {
      const [delivery] = await until(async () => [await deliveryOf(event.id)], ([d]) => d?.status === 'pending' && d.attempts === 1);
      expect(delivery).toMatchObject({ status: 'pending', attempts: 1 });
    }

    await service.publish(briefWithdrawn(withdrawn));

    const [cancelled] = await until(async () => [await deliveryOf(withdrawn.id)], ([d]) => d.status === 'cancelled');
    expect(cancelled.status).toBe('cancelled');
    expect(await deliveryOf(kept.id)).toMatchObject({ status: 'pending', attempts: 1 });
  });
});
