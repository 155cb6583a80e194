import { jetstream } from '@nats-io/jetstream';
import { connect, headers } from '@nats-io/transport-node';
import type { Viewer } from '@liaison/auth';
import { HEADERS } from '@liaison/messaging';
import { briefPublished, officer, organization, organizationRegistered } from './support/events';
import { type RunningNotifications, startTestNotifications, until } from './harness';

// Real: Postgres and JetStream. An event a handler cannot take (its payload does not validate)
// becomes a dead letter; a UN admin lists, replays and discards it through the API, audited.

const UN = organization('UN', 'global');
const AU = organization('AU', 'africa');
const admin = (o: { id: string }): Viewer => ({ officerId: crypto.randomUUID(), organizationId: o.id, roles: ['officer', 'admin'] });

describe('dead letters: the operators\' surface of a service', () => {
  let service: RunningNotifications;
  const unAdmin = admin(UN);
  const as = async (viewer: Viewer) => ({ Authorization: `Bearer ${await service.token(viewer)}` });
  const poison = briefPublished({ author: officer(AU, 'author'), classification: 'green' });
  delete (poison.data as { title?: string }).title;

  beforeAll(async () => {
    service = await startTestNotifications('notif_dead_letters');
    for (const org of [UN, AU]) await service.publish(organizationRegistered(org));
    await until(() => service.query(`SELECT id FROM registry_organizations`), (rows) => rows.length === 2);
    await service.publish(poison);
  });
  afterAll(() => service.stop());

  const list = async () => (await service.http.get('/api/v1/notifications/dead-letters').set(await as(unAdmin)).expect(200)).body.items;

  it('lists the service\'s dead letters with their error to a UN admin, and to no one else', async () => {
    const items = await until(list, (found) => found.length === 1);
    expect(items[0]).toMatchObject({ eventId: poison.id, eventType: 'liaison.brief.published.v1', subject: 'liaison.dialogues.brief.published' });
    expect(items[0].consumer).toMatch(/^notifications__/);
    expect(items[0].error).toMatch(/title/);
    const refused = await service.http.get('/api/v1/notifications/dead-letters').set(await as(admin(AU))).expect(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    await service.http.get('/api/v1/notifications/dead-letters').expect(401);
  });

  it('replays one: it is handled again (and, still poison, set aside again)', async () => {
    const [letter] = await list();
    await service.http.post(`/api/v1/notifications/dead-letters/${letter.id}/replay`).set(await as(unAdmin)).expect(204);
    const again = await until(list, (found) => found.length === 1 && found[0].id !== letter.id);
    expect(again[0].eventId).toBe(poison.id);
    const audit = await service.query(`SELECT action, resource_id FROM audit_log WHERE action = 'dead-letter.replayed'`);
    expect(audit).toEqual([{ action: 'dead-letter.replayed', resource_id: poison.id }]);
  });

  it('discards one with a reason, audited; an unknown id is a 404 and a missing reason a 400', async () => {
    const [letter] = await list();
    const missing = await service.http.post(`/api/v1/notifications/dead-letters/${letter.id}/discard`).set(await as(unAdmin)).send({}).expect(400);
    expect(new Set(missing.body.errors.map((error: { field: string }) => error.field))).toEqual(new Set(['reason']));
    await service.http.post(`/api/v1/notifications/dead-letters/${letter.id}/discard`).set(await as(unAdmin)).send({ reason: 'a test brief, never to be shown' }).expect(204);
    expect(await list()).toEqual([]);
    await service.http.post(`/api/v1/notifications/dead-letters/${letter.id}/discard`).set(await as(unAdmin)).send({ reason: 'again' }).expect(404);
    const [entry] = await service.query(`SELECT details FROM audit_log WHERE action = 'dead-letter.discarded'`);
    expect(entry.details).toMatchObject({ reason: 'a test brief, never to be shown' });
  });

  it('replayed twice at once, a poison is set aside once more, and each replay that ran is audited', async () => {
    const twice = briefPublished({ author: officer(AU, 'author'), classification: 'green' });
    delete (twice.data as { title?: string }).title;
    await service.publish(twice);
    const [letter] = await until(list, (found) => found.some((item: { eventId: string }) => item.eventId === twice.id));
    const replays = await Promise.all([1, 2].map(async () => (await service.http.post(`/api/v1/notifications/dead-letters/${letter.id}/replay`).set(await as(unAdmin))).status));
    expect(replays.filter((status) => status === 204).length).toBeGreaterThanOrEqual(1);
    for (const status of replays) expect([204, 404]).toContain(status);
    const again = (await list()).filter((item: { eventId: string }) => item.eventId === twice.id);
    expect(again).toHaveLength(1);
    expect(again[0].id).not.toBe(letter.id);
    const audited = await service.query(`SELECT 1 FROM audit_log WHERE action = 'dead-letter.replayed' AND resource_id = $1`, [twice.id]);
    expect(audited).toHaveLength(replays.filter((status) => status === 204).length);
    await service.http.post(`/api/v1/notifications/dead-letters/${again[0].id}/discard`).set(await as(unAdmin)).send({ reason: 'a test brief' }).expect(204);
  });

  it('refuses with a 409 to replay the dead letter of a consumer the service no longer has; it can still be discarded', async () => {
    // as left behind by a handler that a later release removed
    const connection = await connect({ servers: service.messaging.natsUrl });
    try {
      const consumer = 'notifications__liaison_dialogues_brief_retired';
      const stale = briefPublished({ author: officer(AU, 'author'), classification: 'green' });
      const letterHeaders = headers();
      letterHeaders.set(HEADERS.deadLetterSubject, 'liaison.dialogues.brief.retired');
      letterHeaders.set(HEADERS.deadLetterConsumer, consumer);
      letterHeaders.set(HEADERS.deadLetterDeliveries, '5');
      letterHeaders.set(HEADERS.deadLetterError, 'Error: gone');
      letterHeaders.set(HEADERS.deadLetterStreamSequence, '1');
      await jetstream(connection).publish(`${service.messaging.subjectPrefix}liaison-dlq.${consumer}.liaison.dialogues.brief.retired`, JSON.stringify(stale), { headers: letterHeaders });
      const [letter] = await until(list, (found) => found.some((item: { eventId: string }) => item.eventId === stale.id));
      const refused = await service.http.post(`/api/v1/notifications/dead-letters/${letter.id}/replay`).set(await as(unAdmin)).expect(409);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.body.detail).toMatch(/no handler/);
      expect((await list()).map((item: { id: string }) => item.id)).toEqual([letter.id]);
      await service.http.post(`/api/v1/notifications/dead-letters/${letter.id}/discard`).set(await as(unAdmin)).send({ reason: 'its handler was removed' }).expect(204);
      expect(await list()).toEqual([]);
    } finally {
      await connection.close();
    }
  });

  it('pages through many dead letters oldest first; a replay of all tries each once', async () => {
    const poisons = Array.from({ length: 5 }, () => {
      const event = briefPublished({ author: officer(AU, 'author'), classification: 'green' });
      delete (event.data as { title?: string }).title;
      return event;
    });
    for (const event of poisons) {
      await service.publish(event);
      await until(list, (found) => found.some((item: { eventId: string }) => item.eventId === event.id));
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string | number> = cursor ? { limit: 2, cursor } : { limit: 2 };
      const { body } = await service.http.get('/api/v1/notifications/dead-letters').query(query).set(await as(unAdmin)).expect(200);
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((item: { eventId: string }) => item.eventId));
      cursor = body.nextCursor;
    } while (cursor && seen.length < 20);
    expect(seen).toEqual(poisons.map((event) => event.id));

    for (const [query, field] of [[{ cursor: Buffer.from('{"deadAt":"yesterday","id":"1"}').toString('base64url') }, 'cursor'], [{ limit: 0 }, 'limit'], [{ limit: 201 }, 'limit']] as const) {
      const refused = await service.http.get('/api/v1/notifications/dead-letters').query(query).set(await as(unAdmin)).expect(400);
      expect(refused.body.errors.map((error: { field: string }) => error.field)).toEqual([field]);
    }

    // still poison: each is tried once and set aside again, none twice
    const { body } = await service.http.post('/api/v1/notifications/dead-letters/replay').set(await as(unAdmin)).expect(200);
    expect(body).toEqual({ replayed: poisons.length });
    const after = await list();
    expect(after.map((item: { eventId: string }) => item.eventId).sort()).toEqual(poisons.map((event) => event.id).sort());
    for (const item of after) {
      await service.http.post(`/api/v1/notifications/dead-letters/${item.id}/discard`).set(await as(unAdmin)).send({ reason: 'test briefs' }).expect(204);
    }
  });
});
