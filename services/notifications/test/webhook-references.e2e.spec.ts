import type { Viewer } from '@liaison/auth';
import { createEvent, type LiaisonEvent, SessionCancelledEvent } from '@liaison/contracts';
import { briefPublished, dialogueScheduled, officer, officerJoined, organization, organizationRegistered, reclassified, type TestOfficer } from './support/events';
import { type RunningNotifications, startTestNotifications, until } from './harness';

// Real: Postgres, JetStream, HTTP to a receiver in this process that verifies every delivery. A
// webhook body that carries an event's content must not name (even by bare id) another record the
// endpoint's organization may not see: a brief's `dialogueId`, a dialogue's `previousDialogueId`.
// The id alone tells that a hidden dialogue exists. Nor does it name who was enrolled in a session:
// an enrolment is red to its officer, and nothing red goes to a partner's system.

const UN = organization('UN', 'global');
const AU = organization('AU', 'africa');
const EU = organization('EU', 'europe');
const unAuthor = officer(UN, 'author');
const auAuthor = officer(AU, 'writer');
const auTrainee = officer(AU, 'trainee');
const euAdmin: Viewer = { officerId: crypto.randomUUID(), organizationId: EU.id, roles: ['officer', 'admin'] };
const BRIEF = 'liaison.brief.published.v1';
const DIALOGUE = 'liaison.dialogue.scheduled.v1';
const SESSION_CANCELLED = 'liaison.session.cancelled.v1';

describe('a webhook body names a referenced record only to an organization that may see it now', () => {
  let service: RunningNotifications;

  beforeAll(async () => {
    // a refused delivery waits a minute before its next attempt: the test retries it by hand
    service = await startTestNotifications('notif_webhook_references', { WEBHOOK_RETRY_BASE_MS: '60000', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
    for (const org of [UN, AU, EU]) await service.publish(organizationRegistered(org));
    for (const o of [unAuthor, auAuthor, auTrainee]) await service.publish(officerJoined(o as TestOfficer));
    await until(() => service.query(`SELECT id FROM registry_officers`), (rows) => rows.length === 3);
    const { body } = await service.http
      .post('/api/v1/webhooks')
      .set({ Authorization: `Bearer ${await service.token(euAdmin)}` })
      .send({ url: `${service.receiver.origin}/eu`, eventTypes: [BRIEF, DIALOGUE, SESSION_CANCELLED] })
      .expect(201);
    service.receiver.secrets.set('/eu', body.secret);
  });
  afterAll(() => service.stop());

  const known = (...events: LiaisonEvent[]) =>
    until(() => service.query(`SELECT aggregate_id FROM record_reach WHERE aggregate_id = ANY($1)`, [events.map((e) => e.subject)]), (rows) => rows.length === events.length);
  const delivered = (...events: LiaisonEvent[]) =>
    until(async () => service.receiver.at('/eu'), (hooks) => events.every((e) => hooks.some((h) => h.body.id === e.id)), 30_000);
  const bodyOf = (event: LiaisonEvent) => service.receiver.at('/eu').find((h) => h.body.id === event.id)!.body;

  it('drops a dialogue id the partner may not see (or that notifications never heard of), keeps one it may see', async () => {
    const hidden = dialogueScheduled({ author: unAuthor, classification: 'amber-strict', title: 'UN internal retreat' });
    const open = dialogueScheduled({ author: auAuthor, classification: 'green' });
    const forEu = dialogueScheduled({ author: unAuthor, classification: 'amber', audience: { organizations: [EU.id] } });
    for (const event of [hidden, open, forEu]) await service.publish(event);
    await known(hidden, open, forEu);
    const never = crypto.randomUUID();

    const briefOnHidden = briefPublished({ author: auAuthor, classification: 'green', title: 'On the hidden dialogue', dialogueId: hidden.subject });
    const briefOnUnknown = briefPublished({ author: auAuthor, classification: 'green', title: 'On an unknown dialogue', dialogueId: never });
    const briefOnOpen = briefPublished({ author: auAuthor, classification: 'green', title: 'On the open dialogue', dialogueId: open.subject });
    const briefOnForEu = briefPublished({ author: auAuthor, classification: 'green', title: 'On the dialogue for the EU', dialogueId: forEu.subject });
    const afterHidden = dialogueScheduled({ author: unAuthor, classification: 'green', title: 'Follow-up in public', previousDialogueId: hidden.subject });
    const afterOpen = dialogueScheduled({ author: auAuthor, classification: 'green', title: 'Second round', previousDialogueId: open.subject });
    const sent = [briefOnHidden, briefOnUnknown, briefOnOpen, briefOnForEu, afterHidden, afterOpen];
    for (const event of sent) await service.publish(event);
    await delivered(open, forEu, ...sent);
    expect(service.receiver.rejected).toEqual([]);

    // the hidden dialogue itself never reached the EU, and no body names it
    const everything = JSON.stringify(service.receiver.at('/eu').map((h) => h.body));
    expect(service.receiver.at('/eu').map((h) => h.body.id)).not.toContain(hidden.id);
    expect(everything).not.toContain(hidden.subject);
    expect(everything).not.toContain(never);

    // the rest of the content still goes
    expect(bodyOf(briefOnHidden).data).toMatchObject({ briefId: briefOnHidden.subject, title: 'On the hidden dialogue' });
    expect(bodyOf(briefOnHidden).data).not.toHaveProperty('dialogueId');
    expect(bodyOf(briefOnUnknown).data).not.toHaveProperty('dialogueId');
    expect(bodyOf(afterHidden).data).toMatchObject({ dialogueId: afterHidden.subject, title: 'Follow-up in public' });
    expect(bodyOf(afterHidden).data).not.toHaveProperty('previousDialogueId');

    // what the EU may see is named
    expect(bodyOf(briefOnOpen).data.dialogueId).toBe(open.subject);
    expect(bodyOf(briefOnForEu).data.dialogueId).toBe(forEu.subject);
    expect(bodyOf(afterOpen).data.previousDialogueId).toBe(open.subject);
  }, 60_000);

  it('follows the dialogue as it is at send time: raised after the fan-out, its id is not sent', async () => {
    const dialogue = dialogueScheduled({ author: auAuthor, classification: 'green', title: 'Open for now' });
    await service.publish(dialogue);
    await delivered(dialogue);

    // the EU system is down when the brief comes: its delivery waits
    service.receiver.status = () => 503;
    const brief = briefPublished({ author: auAuthor, classification: 'green', title: 'Written for the dialogue', dialogueId: dialogue.subject });
    await service.publish(brief);
    await until(
      () => service.query(`SELECT status, attempts FROM webhook_deliveries WHERE event_id = $1`, [brief.id]),
      (rows) => rows[0]?.status === 'pending' && rows[0].attempts >= 1,
    );

    // the AU raises the dialogue to amber-strict before the retry
    await service.publish(reclassified(dialogue, 'amber-strict', {}, 2));
    await until(() => service.query(`SELECT classification FROM record_reach WHERE aggregate_id = $1`, [dialogue.subject]), (rows) => rows[0]?.classification === 'amber-strict');
    service.receiver.status = () => 204;
    await service.query(`UPDATE webhook_deliveries SET next_attempt_at = now() WHERE event_id = $1`, [brief.id]);
    await delivered(brief);

    expect(bodyOf(brief).data).toMatchObject({ briefId: brief.subject, title: 'Written for the dialogue' });
    expect(bodyOf(brief).data).not.toHaveProperty('dialogueId');
  }, 60_000);

  it('a cancelled session does not tell a partner who was enrolled in it', async () => {
    const sessionId = crypto.randomUUID();
    const cancelled = createEvent(SessionCancelledEvent, {
      subject: sessionId, classification: 'green', originorg: UN.id, sequence: 2,
      data: {
        sessionId, classification: 'green', audience: { organizations: [], officers: [] }, originOrganizationId: UN.id, authorId: unAuthor.id,
        courseId: crypto.randomUUID(), courseTitle: 'Mediation process design', topic: 'mediation', startsAt: '2027-02-01T09:00:00Z',
        endsAt: '2027-02-03T17:00:00Z', seats: 20, organizers: [UN.id], online: true, reason: 'Trainers unavailable.', enrolledOfficers: [auTrainee.id],
      },
    });
    await service.publish(cancelled);
    await delivered(cancelled);
    // the trainee is told, in the inbox
    await until(() => service.query(`SELECT 1 FROM notification_items WHERE event_id = $1 AND officer_id = $2`, [cancelled.id, auTrainee.id]), (rows) => rows.length === 1);

    expect(bodyOf(cancelled).data).toMatchObject({ sessionId, reason: 'Trainers unavailable.' });
    expect(bodyOf(cancelled).data).not.toHaveProperty('enrolledOfficers');
    expect(JSON.stringify(bodyOf(cancelled))).not.toContain(auTrainee.id);
  });
});
