import { createTestDatabase } from '@liaison/testing';
import type { Viewer } from '@liaison/auth';
import { createEvent, DialogueScheduledEvent, RecommendationAdoptedEvent } from '@liaison/contracts';
import { DigestScheduler } from '../src/email/digest-scheduler';
import { officer, officerJoined, organization, organizationRegistered, reclassified, type TestOfficer } from './support/events';
import { ServiceProcess } from './support/service-process';
import { SseClient } from './support/sse-client';
import { JWT_SECRET, type RunningNotifications, startTestNotifications, until } from './harness';

// Real and separate: capacity-building as its own process and notifications, on one NATS with
// this file's prefix, talking only over NATS; dialogue and recommendation events are published
// on the stream as dialogues does. A milestone is its own record, but it is seen by whoever may
// see its programme (and a recommendation by whoever may see its dialogue): once the parent is
// raised or its audience narrowed, what an officer or a partner system still gets of the child is
// what the parent's current rule allows.

const UN = organization('UN', 'global');
const AU = organization('AU', 'africa');
const OAS = organization('OAS', 'americas');
const unCreator = officer(UN, 'creator');
const unColleague = officer(UN, 'colleague');
const auPlanner = officer(AU, 'planner', 'fr');
const auDesk = officer(AU, 'desk', 'fr');
const oasWatcher = officer(OAS, 'watcher', 'es');
const everyone = [unCreator, unColleague, auPlanner, auDesk, oasWatcher];
const viewerOf = (o: TestOfficer): Viewer => ({ officerId: o.id, organizationId: o.organizationId, roles: ['officer'] });
const MILESTONE_PLANNED = 'liaison.milestone.planned.v1';
const RECOMMENDATION_ADOPTED = 'liaison.recommendation.adopted.v1';

describe("a child's notifications follow its parent's current reach", () => {
  let notifications: RunningNotifications;
  let capacity: ServiceProcess;
  let dropDatabase: () => Promise<void> = async () => undefined;
  const OAS_HOOK = '/oas';

  const call = async (method: string, path: string, who: TestOfficer, body?: unknown) => {
    const response = await fetch(`${capacity.origin}/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await notifications.token(viewerOf(who))}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };
  const inbox = async (o: TestOfficer, query = '') =>
    (await notifications.http.get(`/api/v1/notifications?limit=200${query}`).set('Authorization', `Bearer ${await notifications.token(viewerOf(o))}`).expect(200)).body
      .items as Array<{ id: string; eventId: string; type: string; title: string }>;
  const itemAbout = async (o: TestOfficer, type: string, text: string) =>
    (await until(() => inbox(o), (items) => items.some((i) => i.type === type && i.title.includes(text)), 30_000)).find((i) => i.type === type && i.title.includes(text))!;
  const handled = (event: { id: string }) => until(() => notifications.query(`SELECT 1 FROM inbox WHERE event_id = $1`, [event.id]), (rows) => rows.length > 0, 30_000);

  beforeAll(async () => {
    // a refused webhook waits long enough for the raise to come in between
    notifications = await startTestNotifications('notif_parent_reach', { WEBHOOK_RETRY_BASE_MS: '1500', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
    for (const org of [UN, AU, OAS]) await notifications.publish(organizationRegistered(org));
    for (const o of everyone) await notifications.publish(officerJoined(o));
    await until(() => notifications.query(`SELECT id FROM registry_officers`), (rows) => rows.length === everyone.length);
    // OAS watches what the AU does: in-app and a daily digest
    await notifications.http
      .post('/api/v1/subscriptions')
      .set('Authorization', `Bearer ${await notifications.token(viewerOf(oasWatcher))}`)
      .send({ filters: { organizations: [AU.id] }, channels: ['in-app', 'email'], frequency: 'daily' })
      .expect(201);
    const oasAdmin: Viewer = { officerId: crypto.randomUUID(), organizationId: OAS.id, roles: ['officer', 'admin'] };
    const { body: endpoint } = await notifications.http
      .post('/api/v1/webhooks')
      .set('Authorization', `Bearer ${await notifications.token(oasAdmin)}`)
      .send({ url: `${notifications.receiver.origin}${OAS_HOOK}`, eventTypes: [MILESTONE_PLANNED, RECOMMENDATION_ADOPTED] })
      .expect(201);
    notifications.receiver.secrets.set(OAS_HOOK, endpoint.secret);

    const database = await createTestDatabase('x_parent_reach');
    dropDatabase = database.drop;
    capacity = await ServiceProcess.start('capacity-building', {
      DATABASE_URL: database.url,
      NATS_URL: notifications.messaging.natsUrl,
      NATS_SUBJECT_PREFIX: notifications.messaging.subjectPrefix,
      NATS_STREAM_PREFIX: notifications.messaging.streamPrefix,
      AUTH_JWT_SECRET: JWT_SECRET,
    });
  }, 150_000);

  afterAll(async () => {
    await capacity?.stop();
    await notifications?.stop();
    await dropDatabase();
  }, 60_000);

  it('a programme raised to amber-strict takes its earlier milestones out of the OAS inbox, get, unread list, SSE replay, digest and webhook retries', async () => {
    // capacity-building learns of the officers through the events: retry until it knows them
    const launched = await until(
      () => call('POST', '/programmes', unCreator, { title: 'UN–AU mediation support', partnerOrganizationId: AU.id, scope: 'mediation', focusAreas: ['mediation'], classification: 'green' }),
      (r) => r.status === 201,
      30_000,
    );
    const programmeId = launched.body.id as string;
    const anchor = await call('POST', '/milestones', auPlanner, { programmeId, title: 'Anchor milestone', dueOn: '2030-01-01' });
    expect(anchor.status).toBe(201);
    const anchorItem = await itemAbout(oasWatcher, MILESTONE_PLANNED, 'Anchor milestone');

    // the OAS partner system is down when the next milestone is planned: its delivery waits
    notifications.receiver.status = (path) => (path === OAS_HOOK ? 503 : 204);
    const planned = await call('POST', '/milestones', auPlanner, { programmeId, title: 'Roster PARENT-1 adopted', dueOn: '2030-06-01' });
    expect(planned.status).toBe(201);
    const item = await itemAbout(oasWatcher, MILESTONE_PLANNED, 'PARENT-1');
    await itemAbout(unCreator, MILESTONE_PLANNED, 'PARENT-1');
    await until(
      () => notifications.query(`SELECT d.status, d.attempts FROM webhook_deliveries d WHERE d.event_id = $1`, [item.eventId]),
      (rows) => rows.length === 1 && rows[0].status === 'pending' && rows[0].attempts >= 1,
    );
    const oasToken = await notifications.token(viewerOf(oasWatcher));
    await notifications.http.get(`/api/v1/notifications/${item.id}`).set('Authorization', `Bearer ${oasToken}`).expect(200);

    // the UN, its origin, raises the programme: only the UN may see it now
    const raised = await call('PATCH', `/programmes/${programmeId}`, unCreator, { classification: 'amber-strict' });
    expect(raised.status).toBe(200);
    await until(() => notifications.query(`SELECT classification FROM record_reach WHERE aggregate_id = $1`, [programmeId]), (rows) => rows[0]?.classification === 'amber-strict', 30_000);

    expect((await inbox(oasWatcher)).map((i) => i.eventId)).not.toContain(item.eventId);
    expect((await inbox(oasWatcher, '&unread=true')).map((i) => i.eventId)).not.toContain(item.eventId);
    const { body: problem } = await notifications.http.get(`/api/v1/notifications/${item.id}`).set('Authorization', `Bearer ${oasToken}`).expect(404);
    expect(JSON.stringify(problem)).not.toContain('PARENT-1');
    // the origin's officers still see it
    expect((await inbox(unCreator)).map((i) => i.eventId)).toContain(item.eventId);

    const replay = await SseClient.open(`${notifications.origin}/api/v1/notifications/stream`, { Authorization: `Bearer ${oasToken}`, 'Last-Event-ID': anchorItem.id });
    try {
      // a later green AU programme shows the replay ran past the milestone
      const later = await call('POST', '/programmes', auPlanner, { title: 'AU electoral support AFTER', partnerOrganizationId: AU.id, scope: 'comprehensive', focusAreas: ['electoral-assistance'] });
      expect(later.status).toBe(201);
      await until(async () => replay.messages, (messages) => messages.some((m) => String(m.data.title).includes('AFTER')), 30_000);
      expect(replay.messages.map((m) => m.data.eventId)).not.toContain(item.eventId);
      expect(JSON.stringify(replay.messages)).not.toContain('PARENT-1');
    } finally {
      replay.close();
    }

    // the waiting delivery is not made; the day's digest does not name the milestone
    notifications.receiver.status = () => 204;
    await notifications.query(`UPDATE webhook_deliveries SET next_attempt_at = now() WHERE status = 'pending'`);
    await until(() => notifications.query(`SELECT id FROM webhook_deliveries WHERE status IN ('pending', 'sending')`), (rows) => rows.length === 0);
    expect(JSON.stringify(notifications.receiver.at(OAS_HOOK))).not.toContain('PARENT-1');
    expect(notifications.receiver.at(OAS_HOOK).map((h) => h.body.subject)).not.toContain(planned.body.id);
    const scheduler = notifications.app.get(DigestScheduler);
    for (let hour = 0; hour < 24; hour++) await scheduler.prepare(new Date(Date.now() + 86_400_000 + hour * 3600_000));
    await until(() => notifications.query(`SELECT id FROM email_deliveries WHERE status IN ('pending', 'sending')`), (rows) => rows.length === 0);
    const mails = notifications.mailbox.to(oasWatcher.email).map((m) => `${m.subject} ${m.text} ${m.html}`).join('\n');
    expect(mails).not.toContain('PARENT-1');
    expect(mails).not.toContain(`/milestones/${planned.body.id}`);

    // lowered again: the milestone shows again to those who had it, and no one is told anew
    const lowered = await call('PATCH', `/programmes/${programmeId}`, unCreator, { classification: 'green' });
    expect(lowered.status).toBe(200);
    await until(() => notifications.query(`SELECT classification FROM record_reach WHERE aggregate_id = $1`, [programmeId]), (rows) => rows[0]?.classification === 'green', 30_000);
    expect((await inbox(oasWatcher)).map((i) => i.eventId)).toContain(item.eventId);
  }, 150_000);

  it('a dialogue raised to amber-strict takes its recommendations out of the inboxes of those who may no longer see it', async () => {
    const dialogueId = crypto.randomUUID();
    const reach = { classification: 'green' as const, audience: { organizations: [], officers: [] }, originOrganizationId: AU.id, authorId: auDesk.id };
    const scheduled = createEvent(DialogueScheduledEvent, {
      subject: dialogueId, classification: 'green', originorg: AU.id, sequence: 1,
      data: { ...reach, dialogueId, kind: 'desk-to-desk', title: 'AU–OAS exchange', participants: [AU.id, UN.id], startsAt: '2027-03-01T09:00:00Z', agenda: [] },
    });
    await notifications.publish(scheduled);
    const recommendationId = crypto.randomUUID();
    const adopted = createEvent(RecommendationAdoptedEvent, {
      subject: recommendationId, classification: 'green', originorg: AU.id, sequence: 1,
      data: { ...reach, recommendationId, dialogueId, dialogueTitle: 'AU–OAS exchange', text: 'Recommendation PARENT-2', owners: [AU.id], status: 'proposed' },
    });
    await notifications.publish(adopted);
    await handled(adopted);
    const seen = async (o: TestOfficer) => (await inbox(o)).map((i) => i.eventId);
    expect(await seen(oasWatcher)).toContain(adopted.id);
    expect(await seen(unColleague)).not.toContain(adopted.id);

    const raise = reclassified(scheduled, 'amber-strict', {}, 2);
    await notifications.publish(raise);
    await handled(raise);
    expect(await seen(oasWatcher)).not.toContain(adopted.id);
    expect(await seen(auPlanner)).toContain(adopted.id);
  });
});
