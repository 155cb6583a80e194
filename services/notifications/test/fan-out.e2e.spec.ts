import { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import type { Viewer } from '@liaison/auth';
import { createEvent, OfficerLeftEvent } from '@liaison/contracts';
import { briefPublished, briefWithdrawn, officer, officerJoined, organization, organizationRegistered, type TestOfficer } from './support/events';
import { FEED_ORDER_LOCK } from '../src/fan-out/items-query';
import { SseClient } from './support/sse-client';
import { type RunningNotifications, startTestNotifications, until } from './harness';

// Real: Postgres, NATS JetStream (events published on the stream as a relay does), the SMTP
// server (smtp-server + mailparser) and the SSE feed over HTTP. Nothing mocked.

const UN = organization('UN', 'global');
const AU = organization('AU', 'africa');
const EU = organization('EU', 'europe');
const OAS = organization('OAS', 'americas');

const auAuthor = officer(AU, 'author');
const auColleague = officer(AU, 'colleague', 'fr');
const euFr = officer(EU, 'claire', 'fr');
const oasEs = officer(OAS, 'diego', 'es');
const unAr = officer(UN, 'layla', 'ar');
const unZh = officer(UN, 'wei', 'zh');
const everyone = [auAuthor, auColleague, euFr, oasEs, unAr, unZh];

const viewerOf = (o: TestOfficer): Viewer => ({ officerId: o.id, organizationId: o.organizationId, roles: ['officer'] });

describe('fan-out: every entitled, subscribed officer learns of it, in their language, by the channels chosen', () => {
  let service: RunningNotifications;
  const auth = async (o: TestOfficer) => ({ Authorization: `Bearer ${await service.token(viewerOf(o))}` });
  const items = (o: TestOfficer) => service.query(`SELECT * FROM notification_inbox WHERE officer_id = $1 ORDER BY position`, [o.id]);

  beforeAll(async () => {
    service = await startTestNotifications('notif_fanout', { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
    for (const org of [UN, AU, EU, OAS]) await service.publish(organizationRegistered(org));
    for (const o of everyone) await service.publish(officerJoined(o));
    await until(() => service.query(`SELECT id FROM registry_officers`), (rows) => rows.length === everyone.length);

    // Claire (EU) and the AU colleague follow Sudan, in-app and by e-mail at once.
    for (const o of [euFr, auColleague]) {
      await service.http
        .post('/api/v1/subscriptions')
        .set(await auth(o))
        .send({ filters: { countries: ['SD'] }, channels: ['in-app', 'email'], frequency: 'immediate' })
        .expect(201);
    }
  });
  afterAll(() => service.stop());

  it('gives an officer who never subscribed the default subscription, as a row they can change', async () => {
    const { body } = await service.http.get('/api/v1/subscriptions').set(await auth(unZh)).expect(200);
    expect(body.items).toEqual([
      expect.objectContaining({ isDefault: true, filters: expect.objectContaining({ concerningMe: true }), channels: ['in-app', 'email'], frequency: 'immediate' }),
    ]);
  });

  it('green brief on Sudan: the EU officer subscribed to Sudan gets an item, an SSE message and an e-mail in French; OAS nothing', async () => {
    const claireFeed = await SseClient.open(`${service.origin}/api/v1/notifications/stream`, await auth(euFr));
    const diegoFeed = await SseClient.open(`${service.origin}/api/v1/notifications/stream`, await auth(oasEs));
    expect(claireFeed.status).toBe(200);

    const brief = briefPublished({ author: auAuthor, classification: 'green', countries: ['SD'], title: 'Darfur ceasefire talks', summary: 'Talks resume in Jeddah.' });
    const started = Date.now();
    await service.publish(brief);

    const [message] = (await until(async () => claireFeed.messages, (m) => m.length >= 1)).slice(0);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(message.event).toBe('notification');
    expect(message.data).toMatchObject({ eventId: brief.id, type: 'liaison.brief.published.v1', title: 'Note de AU : Darfur ceasefire talks', classification: 'green', link: `/briefs/${brief.subject}` });
    expect(message.id).toBe(message.data.id);
    // within a second of the commit (the item's time is its transaction's)
    expect(Date.now() - Date.parse(message.data.createdAt)).toBeLessThan(1000);

    const [item] = await items(euFr);
    expect(item).toMatchObject({ event_id: brief.id, language: 'fr', in_app: true, email: 'immediate' });

    const [mail] = await until(async () => service.mailbox.to(euFr.email), (m) => m.length >= 1);
    expect(mail.subject).toBe('Note de AU : Darfur ceasefire talks');
    expect(mail.text).toContain('Talks resume in Jeddah.');
    expect(mail.language).toBe('fr');
    expect(mail.messageId).toBe(`<item.${item.id}@notifications.liaison.example.org>`);

    // OAS: not subscribed to Sudan, not concerned: nothing by any channel
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await items(oasEs)).toEqual([]);
    expect(service.mailbox.to(oasEs.email)).toEqual([]);
    expect(diegoFeed.messages).toEqual([]);
    // the author is not told of their own brief
    expect(await items(auAuthor)).toEqual([]);
    claireFeed.close();
    diegoFeed.close();

    // one notification.created (v3) with both items, each in its officer's language, each
    // language's title and summary once, as the items have them
    const created = await until(
      async () => (await service.events('liaison.notifications.notification.created')).filter((m) => m.event.data && (m.event.data as any).eventId === brief.id),
      (m) => m.length >= 1,
    );
    expect(created).toHaveLength(1);
    expect(created[0].event).toMatchObject({ type: 'liaison.notification.created.v3', subject: brief.id, classification: 'green', originorg: AU.id });
    const data = created[0].event.data as {
      notifications: Array<{ notificationId: string; officerId: string; language: string }>;
      texts: Array<{ language: string; title: string; summary: string }>;
    };
    expect(data.notifications.map((n) => n.officerId).sort()).toEqual([auColleague.id, euFr.id].sort());
    expect(data.notifications.find((n) => n.officerId === euFr.id)?.language).toBe('fr');
    const stored = await service.query(`SELECT id, officer_id, language, title, summary FROM notification_inbox WHERE event_id = $1`, [brief.id]);
    expect(data.texts.map((t) => t.language).sort()).toEqual([...new Set(stored.map((item) => item.language))].sort());
    for (const item of stored) {
      expect(data.notifications).toContainEqual({ notificationId: item.id, officerId: item.officer_id, language: item.language });
      expect(data.texts).toContainEqual({ language: item.language, title: item.title, summary: item.summary });
    }
    // and no version 1 (one per item) or 2 (texts per item) without NOTIFICATION_CREATED_V1/V2:
    // the outbox row of each is written in the items' transaction, so once the items are there,
    // so would they be
    const outboxTypes = await service.query(`SELECT event::jsonb ->> 'type' AS type FROM outbox WHERE event::jsonb -> 'data' ->> 'eventId' = $1`, [brief.id]);
    expect(outboxTypes.map((row) => row.type)).toEqual(['liaison.notification.created.v3']);
  });

  it('amber brief for the UN reaches UN officers only, by every channel; the Arabic e-mail is right-to-left', async () => {
    const brief = briefPublished({ author: auAuthor, classification: 'amber', audience: { organizations: [UN.id] }, title: 'Confidential: mediation track' });
    await service.publish(brief);
    const reached = await until(
      () => service.query(`SELECT officer_id, language, title FROM notification_inbox WHERE event_id = $1`, [brief.id]),
      (rows) => rows.length >= 3,
    );
    // the UN officers (concerned: it is addressed to their organization) and the AU colleague (origin, subscribed to Sudan)
    expect(reached.map((r) => r.officer_id).sort()).toEqual([unAr.id, unZh.id, auColleague.id].sort());
    expect(reached.find((r) => r.officer_id === unZh.id)?.title).toBe('AU 简报：Confidential: mediation track');

    const [arabic] = await until(async () => service.mailbox.to(unAr.email).filter((m) => m.subject.includes('mediation track')), (m) => m.length >= 1);
    expect(arabic.subject).toBe('موجز من AU: Confidential: mediation track');
    expect(arabic.html).toMatch(/<html lang="ar" dir="rtl">/);
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const outsider of [euFr, oasEs]) {
      expect((await items(outsider)).filter((i) => i.event_id === brief.id)).toEqual([]);
      expect(service.mailbox.to(outsider.email).filter((m) => m.subject.includes('mediation track') || m.text.includes('mediation track'))).toEqual([]);
    }
  });

  it('amber-strict and red e-mails carry no content, only a link', async () => {
    const strict = briefPublished({ author: auAuthor, classification: 'amber-strict', title: 'Internal AU only', summary: 'Do not forward' });
    const red = briefPublished({ author: auAuthor, classification: 'red', audience: { officers: [unAr.id] }, title: 'Eyes only', summary: 'Named officers only' });
    await service.publish(strict);
    await service.publish(red);
    const [toColleague] = await until(async () => service.mailbox.to(auColleague.email).filter((m) => m.text.includes(`/briefs/${strict.subject}`)), (m) => m.length >= 1);
    const [toLayla] = await until(async () => service.mailbox.to(unAr.email).filter((m) => m.text.includes(`/briefs/${red.subject}`)), (m) => m.length >= 1);
    for (const mail of [toColleague, toLayla]) {
      expect(`${mail.subject} ${mail.text} ${mail.html}`).not.toMatch(/Internal AU only|Do not forward|Eyes only|Named officers only/);
    }
    expect(toColleague.subject).toBe('Nouvel élément restreint dans Liaison');
    // in the inbox (signed in, the rule applied again) the content is there
    const { body } = await service.http.get('/api/v1/notifications').set(await auth(unAr)).expect(200);
    expect(body.items.find((i: any) => i.eventId === red.id)).toMatchObject({ title: 'موجز من AU: Eyes only', classification: 'red' });
    expect(await items(unZh).then((rows) => rows.filter((i) => i.event_id === red.id))).toEqual([]);
  });

  it('a redelivered event (same id, another message) makes no second item and no second e-mail', async () => {
    const brief = briefPublished({ author: auAuthor, classification: 'green', title: 'Once only' });
    await service.publish(brief);
    await until(async () => service.mailbox.to(euFr.email).filter((m) => m.subject.includes('Once only')), (m) => m.length >= 1);
    await service.publish(brief, `${brief.id}:again`);
    await service.publish(brief, `${brief.id}:and-again`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await service.query(`SELECT id FROM notification_items WHERE event_id = $1 AND officer_id = $2`, [brief.id, euFr.id])).toHaveLength(1);
    expect(service.mailbox.to(euFr.email).filter((m) => m.subject.includes('Once only'))).toHaveLength(1);
  });

  it('titles name the origin by its acronym in the registry now, also after another replica changed it', async () => {
    const ecowas = organization('ECOWAS', 'africa');
    const ecowasAuthor = officer(ecowas, 'ecowas-author');
    await service.publish(organizationRegistered(ecowas));
    await service.publish(officerJoined(ecowasAuthor));
    await until(() => service.query(`SELECT id FROM registry_officers WHERE id = $1`, [ecowasAuthor.id]), (rows) => rows.length === 1);
    const titleFor = async (brief: ReturnType<typeof briefPublished>) => {
      await service.publish(brief);
      const [item] = await until(
        () => service.query(`SELECT title FROM notification_inbox WHERE event_id = $1 AND officer_id = $2`, [brief.id, euFr.id]),
        (rows) => rows.length === 1,
      );
      return item?.title;
    };
    expect(await titleFor(briefPublished({ author: ecowasAuthor, classification: 'green', title: 'Before' }))).toBe('Note de ECOWAS : Before');

    // As another replica's registry applies organization.updated (this one never sees the event):
    // the row changes under this process.
    await service.query(`UPDATE registry_organizations SET acronym = 'CEDEAO' WHERE id = $1`, [ecowas.id]);
    expect(await titleFor(briefPublished({ author: ecowasAuthor, classification: 'green', title: 'After' }))).toBe('Note de CEDEAO : After');
    expect(await titleFor(briefPublished({ author: ecowasAuthor, classification: 'green', title: 'Again' }))).toBe('Note de CEDEAO : Again');
  });

  it('draws positions only under the feed-order lock, so they follow commit order', async () => {
    // Another transaction (another replica's fan-out) holds the lock: this event must wait for it
    // before drawing any position, and then draw a later one.
    const holder = new Client({ connectionString: service.databaseUrl });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock($1)', [FEED_ORDER_LOCK]);
      const positions = async () => Number((await holder.query(`SELECT last_value FROM notification_items_position_seq`)).rows[0].last_value);
      const drawn = await positions();
      const brief = briefPublished({ author: auAuthor, classification: 'green', title: 'Waits for the lock' });
      await service.publish(brief);
      const waiting = await until(
        async () => (await holder.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'advisory'`)).rows,
        (rows) => rows.length === 1,
      );
      expect(waiting).toHaveLength(1);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await positions()).toBe(drawn);
      expect(await service.query(`SELECT id FROM notification_items WHERE event_id = $1`, [brief.id])).toEqual([]);

      await holder.query('COMMIT');
      const [item] = await until(() => service.query(`SELECT position FROM notification_items WHERE event_id = $1 AND officer_id = $2`, [brief.id, euFr.id]), (rows) => rows.length === 1);
      expect(Number(item.position)).toBeGreaterThan(drawn);
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      await holder.end();
    }
  });

  it('the live feed resumes after Last-Event-ID without gaps or repeats, also with a single-use ticket', async () => {
    const first = await SseClient.open(`${service.origin}/api/v1/notifications/stream`, await auth(euFr));
    const a = briefPublished({ author: auAuthor, classification: 'green', title: 'Resume A' });
    await service.publish(a);
    const [seen] = await until(async () => first.messages, (m) => m.length >= 1);
    first.close();

    const b = briefPublished({ author: auAuthor, classification: 'green', title: 'Resume B' });
    const c = briefPublished({ author: auAuthor, classification: 'green', title: 'Resume C' });
    await service.publish(b);
    await service.publish(c);
    await until(() => service.query(`SELECT id FROM notification_items WHERE officer_id = $1 AND event_id = ANY($2)`, [euFr.id, [b.id, c.id]]), (r) => r.length === 2);

    const { body: ticket } = await service.http.post('/api/v1/notifications/stream-tickets').set(await auth(euFr)).expect(201);
    const resumed = await SseClient.open(`${service.origin}/api/v1/notifications/stream?ticket=${ticket.ticket}`, { 'Last-Event-ID': seen.id! });
    expect(resumed.status).toBe(200);
    const messages = await until(async () => resumed.messages, (m) => m.length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(resumed.messages.map((m) => m.data.eventId)).toEqual([b.id, c.id]);
    resumed.close();
    expect(messages[0].data.title).toBe('Note de AU : Resume B');

    // the ticket was for one use
    const again = await SseClient.open(`${service.origin}/api/v1/notifications/stream?ticket=${ticket.ticket}`);
    expect(again.status).toBe(401);
    again.close();
    const none = await SseClient.open(`${service.origin}/api/v1/notifications/stream`);
    expect(none.status).toBe(401);
    none.close();
  });

  it('keeps no stream ticket for an Idempotency-Key: a repeat is answered without it, and none is stored', async () => {
    const ask = async () => service.http.post('/api/v1/notifications/stream-tickets').set({ ...(await auth(euFr)), 'Idempotency-Key': 'feed-ticket-1' }).expect(201);
    const first = await ask();
    expect(first.body.ticket).toEqual(expect.any(String));
    const again = await ask();
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.ticket).toBeUndefined();
    const kept = await service.query(`SELECT response::text AS response FROM idempotency_keys WHERE key = 'feed-ticket-1'`);
    expect(kept).toHaveLength(1);
    expect(kept[0].response).not.toContain(first.body.ticket);
  });

  it('lists the inbox newest first, unread filter, mark as read; another officer\'s item is a 404', async () => {
    const { body } = await service.http.get('/api/v1/notifications?unread=true&limit=2').set(await auth(euFr)).expect(200);
    expect(body.items).toHaveLength(2);
    expect(body.nextCursor).toEqual(expect.any(String));
    expect(Object.keys(body.items[0]).sort()).toEqual(['classification', 'createdAt', 'eventId', 'id', 'language', 'link', 'readAt', 'summary', 'title', 'type']);
    const id = body.items[0].id;
    const { body: read } = await service.http.post(`/api/v1/notifications/${id}/read`).set(await auth(euFr)).expect(200);
    expect(read.readAt).toEqual(expect.any(String));
    const { body: unread } = await service.http.get('/api/v1/notifications?unread=true&limit=200').set(await auth(euFr)).expect(200);
    expect(unread.items.map((i: any) => i.id)).not.toContain(id);
    await service.http.post(`/api/v1/notifications/${id}/read`).set(await auth(oasEs)).expect(404);
    await service.http.get(`/api/v1/notifications/${uuidv7()}`).set(await auth(euFr)).expect(404);
    await service.http.get('/api/v1/notifications').expect(401);
  });

  it('pages the inbox newest first (commit order): 7 items by 3, no repeats or gaps, one arriving between pages is not repeated', async () => {
    // an officer of their own, following a country no other test uses, so the inbox holds only these
    const pager = officer(EU, 'pager');
    await service.publish(officerJoined(pager));
    await until(() => service.query(`SELECT id FROM registry_officers WHERE id = $1`, [pager.id]), (rows) => rows.length === 1);
    await service.http.post('/api/v1/subscriptions').set(await auth(pager)).send({ filters: { countries: ['ML'] }, channels: ['in-app'] }).expect(201);
    const deliver = async (title: string) => {
      const brief = briefPublished({ author: auAuthor, classification: 'green', countries: ['ML'], title });
      await service.publish(brief);
      // one at a time: events may be handled concurrently, and the inbox order is commit order
      await until(() => service.query(`SELECT id FROM notification_items WHERE event_id = $1 AND officer_id = $2`, [brief.id, pager.id]), (r) => r.length === 1);
      return brief.id;
    };
    const published: string[] = [];
    for (let n = 1; n <= 7; n++) published.push(await deliver(`Paged ${n}`));

    const page = async (cursor?: string) =>
      (await service.http.get('/api/v1/notifications').query({ limit: 3, ...(cursor ? { cursor } : {}) }).set(await auth(pager)).expect(200)).body;
    const first = await page();
    const late = await deliver('Arrived between pages');
    const second = await page(first.nextCursor);
    const third = await page(second.nextCursor);

    expect([first, second, third].map((p) => p.items.length)).toEqual([3, 3, 1]);
    expect(first.nextCursor).toEqual(expect.any(String));
    expect(second.nextCursor).toEqual(expect.any(String));
    expect(third.nextCursor).toBeNull();
    const listed = [...first.items, ...second.items, ...third.items].map((i: any) => i.eventId);
    expect(listed).toEqual([...published].reverse());
    // the late one heads a fresh first page, and only there
    const fresh = await page();
    expect(fresh.items.map((i: any) => i.eventId)).toEqual([late, published[6], published[5]]);
    // as the item rows' commit order has it
    const positions = await service.query(`SELECT event_id FROM notification_items WHERE officer_id = $1 ORDER BY position DESC`, [pager.id]);
    expect(positions.map((r) => r.event_id)).toEqual([late, ...listed]);

    // ?unread=true pages the same way, read items left out
    await service.http.post(`/api/v1/notifications/${fresh.items[1].id}/read`).set(await auth(pager)).expect(200);
    const unreadFirst = (await service.http.get('/api/v1/notifications').query({ unread: 'true', limit: 3 }).set(await auth(pager)).expect(200)).body;
    const unreadSecond = (await service.http.get('/api/v1/notifications').query({ unread: 'true', limit: 3, cursor: unreadFirst.nextCursor }).set(await auth(pager)).expect(200)).body;
    expect([...unreadFirst.items, ...unreadSecond.items].map((i: any) => i.eventId)).toEqual([late, ...listed.slice(1, 6)]);
  });

  it('refuses a cursor it did not give out, also one of the (createdAt, id) order used before, as a 400 on `cursor`', async () => {
    const before = Buffer.from(JSON.stringify({ createdAt: new Date().toISOString(), id: uuidv7() })).toString('base64url');
    const other = Buffer.from(JSON.stringify({ position: '-1' })).toString('base64url');
    for (const cursor of [before, other, 'not-a-cursor']) {
      const response = await service.http.get('/api/v1/notifications').query({ cursor }).set(await auth(euFr)).expect(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 400, errors: [{ field: 'cursor', message: expect.any(String) }] });
    }
  });

  it('a withdrawn brief leaves the inboxes', async () => {
    const brief = briefPublished({ author: auAuthor, classification: 'green', title: 'Soon withdrawn' });
    await service.publish(brief);
    await until(() => service.query(`SELECT id FROM notification_items WHERE event_id = $1 AND officer_id = $2`, [brief.id, euFr.id]), (r) => r.length === 1);
    await service.publish(briefWithdrawn(brief));
    const listed = async () => (await service.http.get('/api/v1/notifications?limit=200').set(await auth(euFr)).expect(200)).body.items;
    await until(listed, (list) => !list.some((i: any) => i.eventId === brief.id));
    expect((await listed()).some((i: any) => i.eventId === brief.id)).toBe(false);
  });

  it('gives items, e-mails and webhook deliveries UUIDv7 ids: distinct, version 7, variant 10, the clock of their insert in the first 48 bits', async () => {
    const before = Date.now();
    const rows: Array<{ id: string }> = await service.query(`SELECT notifications_uuid_v7()::text AS id FROM generate_series(1, 20000)`);
    const after = Date.now();
    const ids = rows.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toBe(true);
    const times = ids.map((id) => parseInt(id.replace(/-/g, '').slice(0, 12), 16));
    // the test's clock and the server's are the same machine's; a millisecond of slack each way
    expect(Math.min(...times)).toBeGreaterThanOrEqual(before - 1);
    expect(Math.max(...times)).toBeLessThanOrEqual(after + 1);
    const [item] = await service.query(`SELECT id::text AS id, created_at FROM notification_items ORDER BY position DESC LIMIT 1`);
    expect(Math.abs(parseInt(item.id.replace(/-/g, '').slice(0, 12), 16) - item.created_at.getTime())).toBeLessThan(1000);
  });

  it('an officer who moved to another organization no longer sees the old one\'s amber items, in the inbox or the live feed', async () => {
    const before = await SseClient.open(`${service.origin}/api/v1/notifications/stream`, await auth(euFr));
    const marker = briefPublished({ author: auAuthor, classification: 'green', title: 'Marker' });
    await service.publish(marker);
    const [seen] = await until(async () => before.messages, (m) => m.length >= 1);
    before.close();
    const amberForEu = briefPublished({ author: auAuthor, classification: 'amber', audience: { organizations: [EU.id] }, title: 'For the EU' });
    await service.publish(amberForEu);
    await until(() => service.query(`SELECT id FROM notification_items WHERE event_id = $1 AND officer_id = $2`, [amberForEu.id, euFr.id]), (r) => r.length === 1);

    // Claire moves to the OAS (the registry learns it from officer.updated)
    await service.publish(officerJoined(euFr, 2, OAS.id));
    await until(() => service.query(`SELECT organization_id FROM registry_officers WHERE id = $1`, [euFr.id]), (r) => r[0].organization_id === OAS.id);
    const moved: Viewer = { officerId: euFr.id, organizationId: OAS.id, roles: ['officer'] };
    const { body } = await service.http.get('/api/v1/notifications?limit=200').set({ Authorization: `Bearer ${await service.token(moved)}` }).expect(200);
    expect(body.items.map((i: any) => i.eventId)).not.toContain(amberForEu.id);
    expect(body.items.map((i: any) => i.eventId)).toContain(marker.id);
    const after = await SseClient.open(`${service.origin}/api/v1/notifications/stream`, { Authorization: `Bearer ${await service.token(moved)}`, 'Last-Event-ID': seen.id! });
    const later = briefPublished({ author: auAuthor, classification: 'green', title: 'After the move' });
    await service.publish(later);
    await until(async () => after.messages, (m) => m.some((x) => x.data.eventId === later.id));
    expect(after.messages.map((m) => m.data.eventId)).toEqual([later.id]);
    after.close();
  });

  it('an officer who left gets nothing more, and their subscriptions are dropped', async () => {
    await service.http.post('/api/v1/subscriptions').set(await auth(oasEs)).send({ filters: { countries: ['SD'] } }).expect(201);
    await service.publish(createEvent(OfficerLeftEvent, { subject: oasEs.id, classification: 'green', originorg: OAS.id, sequence: 5, data: { officerId: oasEs.id, organizationId: OAS.id } }));
    await until(() => service.query(`SELECT id FROM subscriptions WHERE officer_id = $1`, [oasEs.id]), (rows) => rows.length === 0);
    await until(() => service.query(`SELECT "left" FROM registry_officers WHERE id = $1`, [oasEs.id]), (rows) => rows[0].left === true);
    const brief = briefPublished({ author: auAuthor, classification: 'green', countries: ['SD'], title: 'After leaving' });
    await service.publish(brief);
    await until(() => service.query(`SELECT id FROM notification_items WHERE event_id = $1`, [brief.id]), (rows) => rows.length >= 1);
    expect(await service.query(`SELECT id FROM notification_items WHERE event_id = $1 AND officer_id = $2`, [brief.id, oasEs.id])).toEqual([]);
  });
});
