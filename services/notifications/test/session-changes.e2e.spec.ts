import type { Viewer } from '@liaison/auth';
import { createEvent, type LiaisonEvent, RecommendationStatusChangedEvent, SessionCancelledEvent, SessionScheduledEvent } from '@liaison/contracts';
import { officer, officerJoined, organization, organizationRegistered, type TestOfficer } from './support/events';
import { type RunningNotifications, startTestNotifications, until } from './harness';

// Real: Postgres, JetStream. A session is managed by any officer of its organizing
// organizations, not only the one who scheduled it (its author): the organizer who cancels it
// is not told of their own act, the one who scheduled it is. The same holds for a
// recommendation's status, moved by an officer of an owner rather than by its author.

const UN = organization('UN', 'global');
const AU = organization('AU', 'africa');
const scheduler = officer(UN, 'scheduler');
const canceller = officer(AU, 'canceller');
const auColleague = officer(AU, 'colleague');
const trainee = officer(AU, 'trainee');
const PEOPLE = [scheduler, canceller, auColleague, trainee];
const viewerOf = (o: TestOfficer): Viewer => ({ officerId: o.id, organizationId: o.organizationId, roles: ['officer'] });

describe('a session cancelled by another organizer than its author', () => {
  let service: RunningNotifications;

  beforeAll(async () => {
    service = await startTestNotifications('notif_session_changes', { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
    for (const org of [UN, AU]) await service.publish(organizationRegistered(org));
    for (const o of PEOPLE) await service.publish(officerJoined(o));
    await until(() => service.query(`SELECT id FROM registry_officers`), (rows) => rows.length === PEOPLE.length);
  }, 60_000);
  afterAll(() => service.stop());

  const handled = (event: LiaisonEvent) => until(() => service.query(`SELECT 1 FROM inbox WHERE event_id = $1`, [event.id]), (rows) => rows.length > 0);
  const toldOf = async (event: LiaisonEvent) =>
    (await service.query<{ officer_id: string }>(`SELECT officer_id FROM notification_items WHERE event_id = $1`, [event.id])).map((r) => r.officer_id).sort();

  const session = (changedBy?: string) => {
    const sessionId = crypto.randomUUID();
    const state = {
      sessionId, courseId: crypto.randomUUID(), courseTitle: 'Mediation process design', topic: 'mediation' as const,
      startsAt: '2027-05-01T09:00:00Z', endsAt: '2027-05-02T17:00:00Z', seats: 10, organizers: [UN.id, AU.id], online: true,
      classification: 'green' as const, audience: { organizations: [], officers: [] }, originOrganizationId: UN.id, authorId: scheduler.id,
    };
    const scheduled = createEvent(SessionScheduledEvent, { subject: sessionId, classification: 'green', originorg: UN.id, sequence: 1, data: { ...state, changedBy: scheduler.id } });
    const cancelled = createEvent(SessionCancelledEvent, {
      subject: sessionId, classification: 'green', originorg: UN.id, sequence: 2,
      data: { ...state, reason: 'Merged with the May session.', enrolledOfficers: [trainee.id], ...(changedBy ? { changedBy } : {}) },
    });
    return { scheduled, cancelled };
  };

  it('tells the author, the other organizers and the enrolled officers; not the organizer who cancelled it', async () => {
    const { scheduled, cancelled } = session(canceller.id);
    await service.publish(scheduled);
    await handled(scheduled);
    // the organizers' officers are concerned (their default subscription); its author is not told of their own scheduling
    expect(await toldOf(scheduled)).toEqual([canceller.id, auColleague.id, trainee.id].sort());

    await service.publish(cancelled);
    await handled(cancelled);
    expect(await toldOf(cancelled)).toEqual([scheduler.id, auColleague.id, trainee.id].sort());
    const inbox = await service.http.get('/api/v1/notifications').set('Authorization', `Bearer ${await service.token(viewerOf(canceller))}`).expect(200);
    expect(inbox.body.items.map((i: { eventId: string }) => i.eventId)).not.toContain(cancelled.id);
  });

  it('an earlier event that names no one keeps the author as the one who made the change', async () => {
    const { cancelled } = session();
    await service.publish(cancelled);
    await handled(cancelled);
    expect(await toldOf(cancelled)).toEqual([canceller.id, auColleague.id, trainee.id].sort());
  });

  it('a recommendation moved by an officer of one owner: the author and the owners\' other officers are told, not the one who moved it', async () => {
    const recommendationId = crypto.randomUUID();
    const changed = createEvent(RecommendationStatusChangedEvent, {
      subject: recommendationId, classification: 'green', originorg: UN.id, sequence: 2,
      data: {
        recommendationId, dialogueId: crypto.randomUUID(), dialogueTitle: 'UN–AU desk-to-desk dialogue', text: 'Joint early-warning briefings each quarter.',
        owners: [AU.id, UN.id], status: 'in-progress', previousStatus: 'agreed', changedBy: canceller.id, changedAt: '2027-01-10T10:00:00Z',
        classification: 'green', audience: { organizations: [], officers: [] }, originOrganizationId: UN.id, authorId: scheduler.id,
      },
    });
    await service.publish(changed);
    await handled(changed);
    expect(await toldOf(changed)).toEqual([scheduler.id, auColleague.id, trainee.id].sort());
  });
});
