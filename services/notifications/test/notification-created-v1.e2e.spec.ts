import type { Viewer } from '@liaison/auth';
import { briefPublished, officer, officerJoined, organization, organizationRegistered, type TestOfficer } from './support/events';
import { type RunningNotifications, startTestNotifications, until } from './harness';

// NOTIFICATION_CREATED_V1=true and _V2=true: besides version 3 (one event per source event, texts
// once per language), version 1, one event per inbox item, and version 2 (texts per item), for
// consumers not yet on version 3. Without the flags neither is published (fan-out.e2e.spec.ts
// checks that). Real Postgres and JetStream.

const UN = organization('UN', 'global');
const AU = organization('AU', 'africa');
const EU = organization('EU', 'europe');

const auAuthor = officer(AU, 'author');
const unAr = officer(UN, 'layla', 'ar');
const unFr = officer(UN, 'jean', 'fr');
const euEn = officer(EU, 'emma');
const everyone = [auAuthor, unAr, unFr, euEn];

const viewerOf = (o: TestOfficer): Viewer => ({ officerId: o.id, organizationId: o.organizationId, roles: ['officer'] });

const V1 = 'liaison.notification.created.v1';
const V2 = 'liaison.notification.created.v2';
const V3 = 'liaison.notification.created.v3';

describe('NOTIFICATION_CREATED_V1 and _V2: notification.created versions 1 (one event per inbox item) and 2 (texts per item)', () => {
  let service: RunningNotifications;

  beforeAll(async () => {
    service = await startTestNotifications('notif_created_v1', { NOTIFICATION_CREATED_V1: 'true', NOTIFICATION_CREATED_V2: 'true', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
    for (const org of [UN, AU, EU]) await service.publish(organizationRegistered(org));
    for (const o of everyone) await service.publish(officerJoined(o));
    await until(() => service.query(`SELECT id FROM registry_officers`), (rows) => rows.length === everyone.length);
    // Emma (EU) follows Sudan; she may not see an amber brief addressed to the UN, so gets nothing of it.
    await service.http
      .post('/api/v1/subscriptions')
      .set({ Authorization: `Bearer ${await service.token(viewerOf(euEn))}` })
      .send({ filters: { countries: ['SD'] }, channels: ['in-app'] })
      .expect(201);
  });
  afterAll(() => service.stop());

  it('publishes one v1 per item, to the right officer and item, carrying classification, origin and audience; one v2 with the text of each item; and still one v3', async () => {
    const brief = briefPublished({ author: auAuthor, classification: 'amber', audience: { organizations: [UN.id] }, countries: ['SD'], title: 'Mediation track' });
    await service.publish(brief);
    const items = await until(
      () => service.query(`SELECT id, officer_id, language, title, summary FROM notification_inbox WHERE event_id = $1`, [brief.id]),
      (rows) => rows.length >= 2,
    );
    // the UN officers (addressed to their organization, so it concerns them); not Emma, not the author
    expect(items.map((i) => i.officer_id).sort()).toEqual([unAr.id, unFr.id].sort());

    const aboutBrief = async () =>
      (await service.events('liaison.notifications.notification.created')).filter((m) => (m.event.data as any)?.eventId === brief.id);
    const created = await until(
      aboutBrief,
      (m) => m.filter((x) => x.event.type === V1).length >= items.length && m.some((x) => x.event.type === V2) && m.some((x) => x.event.type === V3),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await aboutBrief()).toHaveLength(created.length);

    const v1 = created.filter((m) => m.event.type === V1);
    expect(v1).toHaveLength(items.length);
    expect(created.filter((m) => m.event.type === V3)).toHaveLength(1);
    const v2 = created.filter((m) => m.event.type === V2);
    expect(v2).toHaveLength(1);
    expect(((v2[0].event.data as any).notifications as unknown[]).length).toBe(items.length);
    for (const item of items) {
      expect((v2[0].event.data as any).notifications).toContainEqual({
        notificationId: item.id,
        officerId: item.officer_id,
        title: item.title,
        summary: item.summary,
        language: item.language,
      });
    }
    for (const item of items) {
      const events = v1.filter((m) => (m.event.data as any).notificationId === item.id);
      expect(events).toHaveLength(1);
      const [{ event, messageId }] = events;
      // JetStream deduplicates on the event id
      expect(messageId).toBe(event.id);
      expect(event).toMatchObject({ subject: item.id, classification: 'amber', originorg: AU.id });
      expect(event.data).toEqual({
        notificationId: item.id,
        officerId: item.officer_id,
        eventId: brief.id,
        eventType: 'liaison.brief.published.v1',
        title: item.title,
        summary: item.summary,
        link: `/briefs/${brief.subject}`,
        classification: 'amber',
        audience: { organizations: [UN.id], officers: [] },
        language: item.language,
      });
    }
    expect(v1.find((m) => (m.event.data as any).officerId === unAr.id)?.event.data).toMatchObject({ language: 'ar' });
    expect(v1.find((m) => (m.event.data as any).officerId === unFr.id)?.event.data).toMatchObject({ language: 'fr' });
  });

  it('publishes no v1 for a redelivered event, as it makes no new item', async () => {
    const brief = briefPublished({ author: auAuthor, classification: 'green', countries: ['SD'], title: 'Once only' });
    await service.publish(brief);
    await until(() => service.query(`SELECT id FROM notification_items WHERE event_id = $1`, [brief.id]), (rows) => rows.length >= 1);
    await service.publish(brief, `${brief.id}:again`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const [{ n: items }] = await service.query(`SELECT count(*)::int AS n FROM notification_items WHERE event_id = $1`, [brief.id]);
    const v1 = (await service.events('liaison.notifications.notification.created')).filter(
      (m) => m.event.type === V1 && (m.event.data as any).eventId === brief.id,
    );
    expect(v1).toHaveLength(items);
  });
});
