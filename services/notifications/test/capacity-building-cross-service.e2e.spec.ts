import { createTestDatabase, storedMessages } from '@liaison/testing';
import type { Viewer } from '@liaison/auth';
import { officer, officerJoined, organization, organizationRegistered, type TestOfficer } from './support/events';
import { ServiceProcess } from './support/service-process';
import { JWT_SECRET, type RunningNotifications, startTestNotifications, until } from './harness';

// Real and separate: two capacity-building processes (node -r @swc-node/register
// services/capacity-building/src/main.ts, two replicas on one database of their own, each running
// its delay check every 100 ms) and notifications, all on one NATS with this file's prefix; they
// talk only over NATS. The registry's events are published on the stream as organizations does.

const UN = organization('UN', 'global');
const AU = organization('AU', 'africa');
const EU = organization('EU', 'europe');
const OAS = organization('OAS', 'americas');

const unCreator = officer(UN, 'creator');
const unDesk = officer(UN, 'africa-desk', 'ar');
const auPlanner = officer(AU, 'planner', 'fr');
const auDesk = officer(AU, 'psd', 'fr');
const euSubscribed = officer(EU, 'claire', 'fr');
const oasOfficer = officer(OAS, 'diego', 'es');
const everyone = [unCreator, unDesk, auPlanner, auDesk, euSubscribed, oasOfficer];

const viewerOf = (o: TestOfficer): Viewer => ({ officerId: o.id, organizationId: o.organizationId, roles: ['officer'] });
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

describe('across services: a late AU milestone reaches the subscribed AU and UN desk officers, once', () => {
  let notifications: RunningNotifications;
  const replicas: ServiceProcess[] = [];
  let dropDatabase: () => Promise<void> = async () => undefined;

  const call = async (origin: string, method: string, path: string, who: TestOfficer, body?: unknown) => {
    const response = await fetch(`${origin}/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await notifications.token(viewerOf(who))}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };

  beforeAll(async () => {
    notifications = await startTestNotifications('notif_x_capacity', { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
    for (const org of [UN, AU, EU, OAS]) await notifications.publish(organizationRegistered(org));
    for (const o of everyone) await notifications.publish(officerJoined(o));
    await until(() => notifications.query(`SELECT id FROM registry_officers`), (rows) => rows.length === everyone.length);
    const auth = async (o: TestOfficer) => ({ Authorization: `Bearer ${await notifications.token(viewerOf(o))}` });
    for (const o of [unDesk, euSubscribed]) {
      await notifications.http.post('/api/v1/subscriptions').set(await auth(o)).send({ filters: { organizations: [AU.id] }, channels: ['in-app'], frequency: 'immediate' }).expect(201);
    }

    const database = await createTestDatabase('x_capacity_building');
    dropDatabase = database.drop;
    const env = {
      DATABASE_URL: database.url,
      NATS_URL: notifications.messaging.natsUrl,
      NATS_SUBJECT_PREFIX: notifications.messaging.subjectPrefix,
      NATS_STREAM_PREFIX: notifications.messaging.streamPrefix,
      AUTH_JWT_SECRET: JWT_SECRET,
      MILESTONE_CHECK_MS: '100',
    };
    // the first runs the migrations; the second starts on a database that has them
    replicas.push(await ServiceProcess.start('capacity-building', env));
    replicas.push(await ServiceProcess.start('capacity-building', env));
  }, 150_000);

  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.stop()));
    await notifications?.stop();
    await dropDatabase();
  }, 60_000);

  it('the UN launches an amber AU programme, the AU plans a milestone already due: delayed once, told to the AU and the UN, nobody else', async () => {
    const [first, second] = replicas;
    // capacity-building learns of the officers through the events: retry until it knows them
    const launched = await until(
      () => call(first.origin, 'POST', '/programmes', unCreator, {
        title: 'UN–AU capacity-building on peace and security',
        partnerOrganizationId: AU.id,
        scope: 'comprehensive',
        focusAreas: ['conflict-prevention', 'mediation', 'electoral-assistance', 'policy-organs-support'],
        classification: 'amber',
      }),
      (r) => r.status === 201,
      30_000,
    );
    const programmeId = launched.body.id as string;
    const planned = await until(() => call(second.origin, 'POST', '/milestones', auPlanner, { programmeId, title: 'PSC support plan adopted', dueOn: yesterday() }), (r) => r.status === 201, 30_000);
    const milestoneId = planned.body.id as string;

    const delayedItems = () =>
      notifications.query<{ officer_id: string; title: string }>(`SELECT officer_id, title FROM notification_inbox WHERE aggregate_id = $1 AND event_type = 'liaison.milestone.delayed.v1'`, [milestoneId]);
    await until(delayedItems, (rows) => rows.length >= 4, 30_000);
    // both replicas keep checking: still one event, one item each
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const events = await storedMessages(
      notifications.messaging.natsUrl,
      `${notifications.messaging.streamPrefix}LIAISON_EVENTS`,
      `${notifications.messaging.subjectPrefix}liaison.capacity-building.milestone.delayed`,
    );
    expect(events.filter((m) => m.event.subject === milestoneId)).toHaveLength(1);
    const items = await delayedItems();
    // the creator follows it; the UN Africa desk subscribed to the AU; the AU's officers are its partner's
    expect(items.map((r) => r.officer_id).sort()).toEqual([unCreator.id, unDesk.id, auPlanner.id, auDesk.id].sort());
    expect(items.find((r) => r.officer_id === auDesk.id)?.title).toBe('Jalon en retard : PSC support plan adopted');
    expect(items.find((r) => r.officer_id === unDesk.id)?.title).toBe('تأخرت المرحلة: PSC support plan adopted');
    for (const outsider of [euSubscribed, oasOfficer]) {
      expect(await notifications.query(`SELECT id FROM notification_items WHERE officer_id = $1`, [outsider.id])).toEqual([]);
    }

    const { body: programme } = await call(first.origin, 'GET', `/programmes/${programmeId}`, auDesk);
    expect(programme.progress).toEqual({ done: 0, total: 1, delayed: 1 });
  }, 120_000);
});
