import type { Viewer } from '@liaison/auth';
import { createEvent, DialogueReclassifiedEvent, DialogueRescheduledEvent, DialogueScheduledEvent, InitiativeLaunchedEvent, InitiativeUpdatedEvent, type LiaisonEvent } from '@liaison/contracts';
import { briefPublished, briefWithdrawn, officer, officerJoined, organization, organizationRegistered, reclassified, type TestOfficer } from './support/events';
import { SseClient } from './support/sse-client';
import { type RunningNotifications, startTestNotifications, until } from './harness';

// Real: Postgres, JetStream, SSE and webhook receivers in this process. An update that carries
// the record's reach (dialogue.rescheduled with fewer participants, initiative.updated with fewer
// supporters: an amber record is shared with those taking part) can narrow who may see it before
// any reclassified event is handled (that one may come later, out of order). Those who lost sight
// are then told as a reclassification tells them: their organization's webhooks get the
// restriction notice (link, nothing of the record), their open feeds a `record-changed` signal,
// and what their inbox holds of it is hidden at read.

const AU = organization('AU', 'africa');
const OAS = organization('OAS', 'americas');
const EU = organization('EU', 'europe');
const auAuthor = officer(AU, 'author');
const auColleague = officer(AU, 'colleague');
const oasOfficer = officer(OAS, 'oas');
const euOfficer = officer(EU, 'eu');
const PEOPLE = [auAuthor, auColleague, oasOfficer, euOfficer];
const viewerOf = (o: TestOfficer): Viewer => ({ officerId: o.id, organizationId: o.organizationId, roles: ['officer'] });
const HOOKS = { AU: '/au', OAS: '/oas', EU: '/eu' } as const;
const HOOKED_TYPES = [DialogueScheduledEvent.type, DialogueRescheduledEvent.type, DialogueReclassifiedEvent.type, InitiativeLaunchedEvent.type, InitiativeUpdatedEvent.type];

describe('an update that narrows a record’s reach tells those who lost sight, as a reclassification does', () => {
  let service: RunningNotifications;
  const feeds = new Map<TestOfficer, SseClient>();

  beforeAll(async () => {
    service = await startTestNotifications('notif_narrowing', { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
    for (const org of [AU, OAS, EU]) await service.publish(organizationRegistered(org));
    for (const o of PEOPLE) await service.publish(officerJoined(o));
    await until(() => service.query(`SELECT id FROM registry_officers`), (rows) => rows.length === PEOPLE.length);
    for (const [org, path] of [[AU, HOOKS.AU], [OAS, HOOKS.OAS], [EU, HOOKS.EU]] as const) {
      const admin: Viewer = { officerId: crypto.randomUUID(), organizationId: org.id, roles: ['officer', 'admin'] };
      const { body } = await service.http
        .post('/api/v1/webhooks')
        .set('Authorization', `Bearer ${await service.token(admin)}`)
        .send({ url: `${service.receiver.origin}${path}`, eventTypes: HOOKED_TYPES })
        .expect(201);
      service.receiver.secrets.set(path, body.secret);
    }
    for (const o of [auColleague, oasOfficer, euOfficer]) {
      feeds.set(o, await SseClient.open(`${service.origin}/api/v1/notifications/stream`, { Authorization: `Bearer ${await service.token(viewerOf(o))}` }));
    }
    await until(() => service.query(`SELECT DISTINCT officer_id FROM live_feeds`), (rows) => rows.length === 3);
  }, 60_000);
  afterAll(async () => {
    for (const feed of feeds.values()) feed.close();
    await service.stop();
  });

  const handled = (event: LiaisonEvent) => until(() => service.query(`SELECT 1 FROM inbox WHERE event_id = $1`, [event.id]), (rows) => rows.length > 0);
  const inbox = async (o: TestOfficer) =>
    (await service.http.get('/api/v1/notifications').set('Authorization', `Bearer ${await service.token(viewerOf(o))}`).expect(200)).body.items as Array<{ id: string; eventId: string }>;
  const itemOf = async (o: TestOfficer, event: LiaisonEvent) =>
    (await until(() => inbox(o), (items) => items.some((i) => i.eventId === event.id))).find((i) => i.eventId === event.id)!;
  const hooked = (path: string, event: LiaisonEvent) => until(async () => service.receiver.at(path), (hooks) => hooks.some((h) => h.body.id === event.id));
  const about = (path: string, record: string) => service.receiver.at(path).filter((h) => h.body.subject === record);
  const signalled = (o: TestOfficer, record: string) => feeds.get(o)!.messages.some((m) => m.event === 'record-changed' && m.data.id === record);

  /** A green brief withdrawn: every feed is signalled of it, so by then each has read everything before it. */
  const everyFeedCaughtUp = async () => {
    const marker = briefPublished({ author: auAuthor, classification: 'green', title: 'Marker' });
    await service.publish(marker);
    await handled(marker);
    await service.publish(briefWithdrawn(marker));
    for (const o of feeds.keys()) await until(async () => signalled(o, marker.subject), (told) => told);
  };

  /** Everything sent or due is sent: no delivery is pending. */
  const hooksSettled = () => until(() => service.query(`SELECT id FROM webhook_deliveries WHERE status IN ('pending', 'sending')`), (rows) => rows.length === 0);

  it('a dialogue rescheduled without a participant: its organization gets the restriction notice and a live signal, and loses its items; the others are told as before', async () => {
    const dialogueId = crypto.randomUUID();
    const state = {
      dialogueId, kind: 'desk-to-desk' as const, title: 'AU–OAS–EU desk talks NARROW-1', startsAt: '2027-03-01T09:00:00Z', agenda: ['NARROW-1 agenda'],
      originOrganizationId: AU.id, authorId: auAuthor.id, classification: 'amber' as const,
    };
    const scheduled = createEvent(DialogueScheduledEvent, {
      subject: dialogueId, classification: 'amber', originorg: AU.id, sequence: 1,
      data: { ...state, participants: [AU.id, OAS.id, EU.id], audience: { organizations: [OAS.id, EU.id], officers: [] } },
    });
    await service.publish(scheduled);
    const oasItem = await itemOf(oasOfficer, scheduled);
    await hooked(HOOKS.OAS, scheduled);
    await hooked(HOOKS.EU, scheduled);

    // as the dialogues service publishes it when AU removes OAS (version 3: its dialogue.reclassified, version 2, is not handled yet)
    const rescheduled = createEvent(DialogueRescheduledEvent, {
      subject: dialogueId, classification: 'amber', originorg: AU.id, sequence: 3,
      data: { ...state, participants: [AU.id, EU.id], audience: { organizations: [EU.id], officers: [] }, previousStartsAt: state.startsAt },
    });
    await service.publish(rescheduled);
    await handled(rescheduled);
    await hooked(HOOKS.EU, rescheduled);
    await hooksSettled();
    await everyFeedCaughtUp();

    // (a) OAS's endpoint, which got the dialogue, learns that it is no longer for it, and nothing of it
    const notice = about(HOOKS.OAS, dialogueId).find((h) => h.body.id === rescheduled.id);
    expect(notice?.body).toMatchObject({ type: rescheduled.type, subject: dialogueId, data: { link: `https://liaison.example.org/dialogues/${dialogueId}`, restricted: true, retracted: true } });
    expect(Object.keys(notice!.body.data).sort()).toEqual(['link', 'restricted', 'retracted']);
    expect(JSON.stringify(notice?.body)).not.toContain('NARROW-1');
    // EU still may see it: the update itself, with its content, and no notice; AU, the origin, the same
    expect(about(HOOKS.EU, dialogueId).find((h) => h.body.id === rescheduled.id)?.body.data).toMatchObject({ title: state.title, participants: [AU.id, EU.id] });
    expect(about(HOOKS.AU, dialogueId).find((h) => h.body.id === rescheduled.id)?.body.data.title).toBe(state.title);

    // (b) the live feed of the OAS officer is told the dialogue changed (kind and id only); those who still see it get the update as an item instead
    expect(feeds.get(oasOfficer)!.messages.find((m) => m.event === 'record-changed' && m.data.id === dialogueId)).toEqual({
      id: undefined, event: 'record-changed', data: { kind: 'dialogue', id: dialogueId },
    });
    expect(signalled(euOfficer, dialogueId)).toBe(false);
    expect(signalled(auColleague, dialogueId)).toBe(false);
    for (const feed of feeds.values()) expect(JSON.stringify(feed.messages.filter((m) => m.event === 'record-changed'))).not.toContain('NARROW-1');

    // (c) what the OAS officer's inbox held of it is hidden at read
    expect((await inbox(oasOfficer)).map((i) => i.eventId)).not.toContain(scheduled.id);
    await service.http.get(`/api/v1/notifications/${oasItem.id}`).set('Authorization', `Bearer ${await service.token(viewerOf(oasOfficer))}`).expect(404);
    expect((await inbox(euOfficer)).map((i) => i.eventId)).toEqual(expect.arrayContaining([scheduled.id, rescheduled.id]));
  });

  it('an initiative updated without a supporter: the same for the supporter removed; an update that narrows nothing tells no one', async () => {
    const initiativeId = crypto.randomUUID();
    const state = {
      initiativeId, title: 'Good offices in the Sahel NARROW-2', leadOrganizationId: AU.id, countries: ['ML'], kind: 'mediation' as const, status: 'active' as const,
      originOrganizationId: AU.id, authorId: auAuthor.id, classification: 'amber' as const,
    };
    const launched = createEvent(InitiativeLaunchedEvent, {
      subject: initiativeId, classification: 'amber', originorg: AU.id, sequence: 1,
      data: { ...state, supporting: [OAS.id, EU.id], audience: { organizations: [OAS.id, EU.id], officers: [] } },
    });
    await service.publish(launched);
    await itemOf(oasOfficer, launched);
    await hooked(HOOKS.OAS, launched);
    await hooked(HOOKS.EU, launched);

    // the status moves on, the reach stays: no notice, no signal
    const moved = createEvent(InitiativeUpdatedEvent, {
      subject: initiativeId, classification: 'amber', originorg: AU.id, sequence: 2,
      data: { ...state, status: 'suspended', supporting: [OAS.id, EU.id], audience: { organizations: [OAS.id, EU.id], officers: [] } },
    });
    await service.publish(moved);
    await hooked(HOOKS.OAS, moved);
    // EU is removed (the reclassification, version 3, is not handled yet)
    const narrowed = createEvent(InitiativeUpdatedEvent, {
      subject: initiativeId, classification: 'amber', originorg: AU.id, sequence: 4,
      data: { ...state, status: 'suspended', supporting: [OAS.id], audience: { organizations: [OAS.id], officers: [] } },
    });
    await service.publish(narrowed);
    await handled(narrowed);
    await hooked(HOOKS.OAS, narrowed);
    await hooksSettled();
    await everyFeedCaughtUp();

    const notices = (path: string) => about(path, initiativeId).filter((h) => h.body.data.retracted);
    expect(notices(HOOKS.EU).map((h) => h.body.id)).toEqual([narrowed.id]);
    expect(notices(HOOKS.EU)[0].body.data).toEqual({ link: `https://liaison.example.org/initiatives/${initiativeId}`, restricted: true, retracted: true });
    expect(JSON.stringify(about(HOOKS.EU, initiativeId).filter((h) => h.body.id !== launched.id && h.body.id !== moved.id))).not.toContain('NARROW-2');
    expect(notices(HOOKS.OAS)).toEqual([]);
    expect(notices(HOOKS.AU)).toEqual([]);
    expect(signalled(euOfficer, initiativeId)).toBe(true);
    expect(signalled(oasOfficer, initiativeId)).toBe(false);
    expect(signalled(auColleague, initiativeId)).toBe(false);
    expect((await inbox(euOfficer)).map((i) => i.eventId)).not.toContain(launched.id);
  });

  describe('an organization that loses sight is told once, whichever change tells it first', () => {
    /** An amber dialogue shared with OAS and EU, told to every endpoint. */
    const sharedDialogue = async (tag: string) => {
      const dialogueId = crypto.randomUUID();
      const state = {
        dialogueId, kind: 'desk-to-desk' as const, title: `AU–OAS–EU desk talks ${tag}`, startsAt: '2027-03-01T09:00:00Z', agenda: [],
        originOrganizationId: AU.id, authorId: auAuthor.id, classification: 'amber' as const,
      };
      const scheduled = createEvent(DialogueScheduledEvent, {
        subject: dialogueId, classification: 'amber', originorg: AU.id, sequence: 1,
        data: { ...state, participants: [AU.id, OAS.id, EU.id], audience: { organizations: [OAS.id, EU.id], officers: [] } },
      });
      await service.publish(scheduled);
      for (const path of Object.values(HOOKS)) await hooked(path, scheduled);
      /** as the dialogues service publishes it when AU keeps only `participants` */
      const rescheduledWith = (participants: string[], sequence: number) =>
        createEvent(DialogueRescheduledEvent, {
          subject: dialogueId, classification: 'amber', originorg: AU.id, sequence,
          data: { ...state, participants: [AU.id, ...participants], audience: { organizations: participants, officers: [] }, previousStartsAt: state.startsAt },
        });
      return { dialogueId, scheduled, rescheduledWith };
    };
    const inTurn = async (events: LiaisonEvent[]) => {
      for (const event of events) {
        await service.publish(event);
        await handled(event);
      }
      await hooksSettled();
      await everyFeedCaughtUp();
    };
    const retractions = (path: string, record: string) => about(path, record).filter((h) => h.body.data.retracted).length;
    const signals = (o: TestOfficer, record: string) => feeds.get(o)!.messages.filter((m) => m.event === 'record-changed' && m.data.id === record).length;

    it.each([
      ['the update, then its reclassification', 'ONCE-1', true],
      ['the reclassification, then its update', 'ONCE-2', false],
    ])('OAS removed, %s: one retraction to OAS, none to the others, one signal to the OAS officer', async (_order, tag, updateFirst) => {
      const { dialogueId, scheduled, rescheduledWith } = await sharedDialogue(tag);
      // AU removes OAS: the dialogues service publishes the reclassification (version 2), then the update (version 3)
      const change = reclassified(scheduled, 'amber', { organizations: [EU.id] }, 2);
      const rescheduled = rescheduledWith([EU.id], 3);
      await inTurn(updateFirst ? [rescheduled, change] : [change, rescheduled]);

      expect(retractions(HOOKS.OAS, dialogueId)).toBe(1);
      expect(retractions(HOOKS.EU, dialogueId)).toBe(0);
      expect(retractions(HOOKS.AU, dialogueId)).toBe(0);
      expect(JSON.stringify(about(HOOKS.OAS, dialogueId).filter((h) => h.body.id !== scheduled.id))).not.toContain(tag);
      expect(signals(oasOfficer, dialogueId)).toBe(1);
    });

    it('OAS removed, then EU: each of them gets one retraction and OAS no second signal, though each change narrows the dialogue', async () => {
      const { dialogueId, scheduled, rescheduledWith } = await sharedDialogue('ONCE-3');
      await inTurn([reclassified(scheduled, 'amber', { organizations: [EU.id] }, 2), rescheduledWith([], 3)]);

      expect(retractions(HOOKS.OAS, dialogueId)).toBe(1);
      expect(retractions(HOOKS.EU, dialogueId)).toBe(1);
      expect(retractions(HOOKS.AU, dialogueId)).toBe(0);
      expect(signals(oasOfficer, dialogueId)).toBe(1);
      // told by the reclassification (which it still saw), then by the update that took it away
      expect(signals(euOfficer, dialogueId)).toBe(2);
    });
  });
});
