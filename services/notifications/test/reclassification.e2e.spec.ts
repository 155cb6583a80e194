import type { Viewer } from '@liaison/auth';
import { createEvent, DialogueRescheduledEvent, DialogueScheduledEvent, type LiaisonEvent } from '@liaison/contracts';
import { DigestScheduler } from '../src/email/digest-scheduler';
import { briefPublished, officer, officerJoined, organization, organizationRegistered, reclassified, type TestOfficer } from './support/events';
import { SseClient } from './support/sse-client';
import { type RunningNotifications, startTestNotifications, until } from './harness';

// Real: Postgres, JetStream, SMTP, SSE and webhook receivers in this process. Notifications
// follow the record, not the event: once a record's classification is raised or its audience
// narrowed, what an officer or a partner system still gets of it is what the rule allows now.

const AU = organization('AU', 'africa');
const OAS = organization('OAS', 'americas');
const EU = organization('EU', 'europe');
const auAuthor = officer(AU, 'author');
const auColleague = officer(AU, 'colleague');
const oasOfficer = officer(OAS, 'oas');
const euOfficer = officer(EU, 'eu');
const PEOPLE = [auAuthor, auColleague, oasOfficer, euOfficer];
const viewerOf = (o: TestOfficer): Viewer => ({ officerId: o.id, organizationId: o.organizationId, roles: ['officer'] });
const BRIEF = 'liaison.brief.published.v1';

describe('notifications follow the record after a reclassification', () => {
  let service: RunningNotifications;
  const hooks = { AU: '/au', OAS: '/oas', EU: '/eu' } as const;

  beforeAll(async () => {
    // Failed attempts wait long enough for a reclassification to come in between.
    service = await startTestNotifications('notif_reclass', {
      EMAIL_RETRY_BASE_MS: '1500',
      WEBHOOK_RETRY_BASE_MS: '1500',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    });
    for (const org of [AU, OAS, EU]) await service.publish(organizationRegistered(org));
    for (const o of PEOPLE) await service.publish(officerJoined(o));
    await until(() => service.query(`SELECT id FROM registry_officers`), (rows) => rows.length === PEOPLE.length);
    const subscribe = async (o: TestOfficer, frequency: 'immediate' | 'daily') =>
      service.http
        .post('/api/v1/subscriptions')
        .set('Authorization', `Bearer ${await service.token(viewerOf(o))}`)
        .send({ filters: { countries: ['SD'] }, channels: ['in-app', 'email'], frequency })
        .expect(201);
    await subscribe(auColleague, 'immediate');
    await subscribe(oasOfficer, 'immediate');
    await subscribe(euOfficer, 'daily');
    for (const [org, path] of [[AU, hooks.AU], [OAS, hooks.OAS], [EU, hooks.EU]] as const) {
      const admin: Viewer = { officerId: crypto.randomUUID(), organizationId: org.id, roles: ['officer', 'admin'] };
      const { body } = await service.http
        .post('/api/v1/webhooks')
        .set('Authorization', `Bearer ${await service.token(admin)}`)
        .send({ url: `${service.receiver.origin}${path}`, eventTypes: [BRIEF] })
        .expect(201);
      service.receiver.secrets.set(path, body.secret);
    }
  }, 60_000);
  afterAll(() => service.stop());

  const handled = (event: LiaisonEvent) =>
    until(() => service.query(`SELECT 1 FROM inbox WHERE event_id = $1`, [event.id]), (rows) => rows.length > 0);
  const inbox = async (o: TestOfficer, query = '') =>
    (await service.http.get(`/api/v1/notifications${query}`).set('Authorization', `Bearer ${await service.token(viewerOf(o))}`).expect(200)).body
      .items as Array<{ id: string; eventId: string; title: string }>;
  const itemOf = async (o: TestOfficer, event: LiaisonEvent) =>
    (await until(() => inbox(o), (items) => items.some((i) => i.eventId === event.id))).find((i) => i.eventId === event.id)!;

  it('a raised level takes the record out of the inbox list, get, unread list and SSE replay of those who may no longer see it', async () => {
    const anchor = briefPublished({ author: auAuthor, classification: 'green', title: 'Anchor brief' });
    await service.publish(anchor);
    const anchorItem = await itemOf(oasOfficer, anchor);
    const brief = briefPublished({ author: auAuthor, classification: 'green', title: 'Raised later RAISED-1' });
    await service.publish(brief);
    const oasItem = await itemOf(oasOfficer, brief);
    await itemOf(auColleague, brief);
    const oasToken = await service.token(viewerOf(oasOfficer));
    await service.http.get(`/api/v1/notifications/${oasItem.id}`).set('Authorization', `Bearer ${oasToken}`).expect(200);

    const raise = reclassified(brief, 'amber-strict', {}, 2);
    await service.publish(raise);
    await handled(raise);

    expect((await inbox(oasOfficer)).map((i) => i.eventId)).not.toContain(brief.id);
    expect((await inbox(oasOfficer, '?unread=true')).map((i) => i.eventId)).not.toContain(brief.id);
    const { body: problem } = await service.http.get(`/api/v1/notifications/${oasItem.id}`).set('Authorization', `Bearer ${oasToken}`).expect(404);
    expect(JSON.stringify(problem)).not.toContain('RAISED-1');
    // the origin organization still sees it
    expect((await inbox(auColleague)).map((i) => i.eventId)).toContain(brief.id);

    const replay = await SseClient.open(`${service.origin}/api/v1/notifications/stream`, { Authorization: `Bearer ${oasToken}`, 'Last-Event-ID': anchorItem.id });
    try {
      // a later green brief shows the replay ran past the raised one
      const later = briefPublished({ author: auAuthor, classification: 'green', title: 'After the raise' });
      await service.publish(later);
      await until(async () => replay.messages, (messages) => messages.some((m) => m.data.eventId === later.id));
      expect(replay.messages.map((m) => m.data.eventId)).not.toContain(brief.id);
      expect(JSON.stringify(replay.messages)).not.toContain('RAISED-1');
    } finally {
      replay.close();
    }
  });

  it('e-mails and digests not yet sent follow the new level: none to those who may no longer see it, no content where it may not leave', async () => {
    service.mailbox.refusing = true;
    const brief = briefPublished({ author: auAuthor, classification: 'green', title: 'Mailed later RAISED-2', summary: 'Summary RAISED-2' });
    await service.publish(brief);
    // both immediate e-mails were tried once and refused, and wait for their next attempt
    await until(
      () => service.query(`SELECT attempts FROM email_deliveries WHERE event_id = $1 AND status = 'pending'`, [brief.id]),
      (rows) => rows.length === 2 && rows.every((r) => r.attempts >= 1),
    );
    const raise = reclassified(brief, 'amber-strict', {}, 2);
    await service.publish(raise);
    await handled(raise);
    service.mailbox.refusing = false;
    await until(
      () => service.query(`SELECT status FROM email_deliveries WHERE event_id = $1`, [brief.id]),
      (rows) => rows.every((r) => r.status === 'sent' || r.status === 'cancelled'),
    );
    // the digest of the officer whose daily items include it
    const scheduler = service.app.get(DigestScheduler);
    const dayAhead = Date.now() + 24 * 3600_000;
    for (let hour = 0; hour < 24; hour++) await scheduler.prepare(new Date(dayAhead + hour * 3600_000));
    await until(() => service.query(`SELECT id FROM email_deliveries WHERE status IN ('pending', 'sending')`), (rows) => rows.length === 0);

    const everything = (o: TestOfficer) => service.mailbox.to(o.email).map((m) => `${m.subject} ${m.text} ${m.html}`).join('\n');
    expect(everything(oasOfficer)).not.toContain('RAISED-2');
    expect(everything(euOfficer)).not.toContain('RAISED-2');
    // the origin's officer is told, without the content (amber-strict leaves by link only)
    const [toColleague] = await service.query(`SELECT status FROM email_deliveries WHERE event_id = $1 AND officer_id = $2`, [brief.id, auColleague.id]);
    expect(toColleague.status).toBe('sent');
    expect(everything(auColleague)).toContain(`/briefs/${brief.subject}`);
    expect(everything(auColleague)).not.toContain('RAISED-2');
  });

  it('webhook deliveries not yet made follow the new level; partners that got the earlier event learn of the change, without content if they may no longer see it', async () => {
    service.receiver.status = (path) => (path === hooks.OAS ? 503 : 204);
    const brief = briefPublished({ author: auAuthor, classification: 'green', title: 'Hooked later RAISED-3', summary: 'Summary RAISED-3' });
    await service.publish(brief);
    await until(() => Promise.resolve(service.receiver.at(hooks.EU)), (hooks) => hooks.some((h) => h.body.id === brief.id));
    await until(() => Promise.resolve(service.receiver.at(hooks.AU)), (hooks) => hooks.some((h) => h.body.id === brief.id));
    await until(
      () => service.query(`SELECT d.status, d.attempts FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id WHERE d.event_id = $1 AND e.organization_id = $2`, [brief.id, OAS.id]),
      ([d]) => d?.status === 'pending' && d.attempts >= 1,
    );

    const raise = reclassified(brief, 'amber-strict', {}, 2);
    await service.publish(raise);
    await handled(raise);
    service.receiver.status = () => 204;
    await until(() => service.query(`SELECT id FROM webhook_deliveries WHERE status IN ('pending', 'sending')`), (rows) => rows.length === 0);

    const about = (path: string) => service.receiver.at(path).filter((h) => h.body.subject === brief.subject);
    // OAS never got the brief: its retry was not made
    expect(about(hooks.OAS).map((h) => h.body.id)).not.toContain(brief.id);
    expect(JSON.stringify(service.receiver.at(hooks.OAS))).not.toContain('RAISED-3');
    // OAS and EU, which may no longer see it, learn that it changed, without content
    for (const path of [hooks.OAS, hooks.EU]) {
      const change = about(path).find((h) => h.body.id === raise.id);
      expect(change?.body).toMatchObject({ type: raise.type, subject: brief.subject, data: { restricted: true } });
      expect(JSON.stringify(change?.body)).not.toContain('RAISED-3');
      expect(change?.body.data.audience).toBeUndefined();
    }
    // AU, the origin, may still see it: it gets the change (amber-strict: as a link)
    const toOrigin = about(hooks.AU).find((h) => h.body.id === raise.id);
    expect(toOrigin?.body).toMatchObject({ type: raise.type, subject: brief.subject, classification: 'amber-strict' });
  });

  it('lowering a level does not notify anyone anew; those who had the record see it again', async () => {
    const brief = briefPublished({ author: auAuthor, classification: 'amber-strict', title: 'Lowered later LOWERED-1' });
    await service.publish(brief);
    await itemOf(auColleague, brief);
    const mailsBefore = service.mailbox.mails.length;
    const hooksBefore = service.receiver.received.filter((h) => h.path !== hooks.AU).length;

    const lower = reclassified(brief, 'green', {}, 2);
    await service.publish(lower);
    await handled(lower);
    await new Promise((resolve) => setTimeout(resolve, 1000));

    expect((await inbox(oasOfficer)).map((i) => i.eventId)).not.toContain(brief.id);
    expect((await inbox(euOfficer)).map((i) => i.eventId)).not.toContain(brief.id);
    expect(await service.query(`SELECT officer_id FROM notification_items WHERE event_id = $1`, [brief.id])).toEqual([{ officer_id: auColleague.id }]);
    expect(service.mailbox.mails.slice(mailsBefore).map((m) => m.text).join()).not.toContain('LOWERED-1');
    expect(service.receiver.received.filter((h) => h.path !== hooks.AU).length).toBe(hooksBefore);
    // raised again, then lowered again: the colleague's item follows each time
    const raise = reclassified(brief, 'red', { officers: [auAuthor.id] }, 3);
    await service.publish(raise);
    await handled(raise);
    expect((await inbox(auColleague)).map((i) => i.eventId)).not.toContain(brief.id);
    const lowerAgain = reclassified(brief, 'amber-strict', {}, 4);
    await service.publish(lowerAgain);
    await handled(lowerAgain);
    expect((await inbox(auColleague)).map((i) => i.eventId)).toContain(brief.id);
  });

  it('an older event arriving late does not bring an earlier level back, and updates that carry a level are the record too', async () => {
    const dialogueId = crypto.randomUUID();
    const state = {
      dialogueId, kind: 'desk-to-desk' as const, title: 'Dialogue ORDER-1', participants: [AU.id, OAS.id], startsAt: '2027-03-01T09:00:00Z', agenda: [],
      originOrganizationId: AU.id, authorId: auAuthor.id,
    };
    const scheduled = createEvent(DialogueScheduledEvent, {
      subject: dialogueId, classification: 'green', originorg: AU.id, sequence: 1,
      data: { ...state, classification: 'green', audience: { organizations: [], officers: [] } },
    });
    await service.publish(scheduled);
    await itemOf(oasOfficer, scheduled);

    const raise = reclassified(scheduled, 'amber-strict', {}, 3);
    await service.publish(raise);
    await handled(raise);
    // version 2, green, published before the raise but delivered after it
    const late = createEvent(DialogueRescheduledEvent, {
      subject: dialogueId, classification: 'green', originorg: AU.id, sequence: 2,
      data: { ...state, classification: 'green', audience: { organizations: [], officers: [] }, startsAt: '2027-03-02T09:00:00Z', previousStartsAt: state.startsAt },
    });
    await service.publish(late);
    await handled(late);
    expect((await inbox(oasOfficer)).map((i) => i.eventId).filter((id) => id === scheduled.id || id === late.id)).toEqual([]);

    // version 4, amber shared with OAS: an update that carries the level changes the record's reach
    const shared = createEvent(DialogueRescheduledEvent, {
      subject: dialogueId, classification: 'amber', originorg: AU.id, sequence: 4,
      data: { ...state, classification: 'amber', audience: { organizations: [OAS.id], officers: [] }, startsAt: '2027-03-03T09:00:00Z', previousStartsAt: '2027-03-02T09:00:00Z' },
    });
    await service.publish(shared);
    await handled(shared);
    const seen = (await inbox(oasOfficer)).map((i) => i.eventId);
    expect(seen).toContain(scheduled.id);
    expect(seen).toContain(shared.id);
    expect((await inbox(euOfficer)).map((i) => i.eventId).filter((id) => [scheduled.id, late.id, shared.id].includes(id))).toEqual([]);
  });
});
