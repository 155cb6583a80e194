import { v7 as uuidv7 } from 'uuid';
import type { Viewer } from '@liaison/auth';
import {
  createEvent,
  type LiaisonEvent,
  MilestoneCompletedEvent,
  MilestoneDelayedEvent,
  type MilestoneState,
  ProgrammeLaunchedEvent,
  type ProgrammeState,
} from '@liaison/contracts';
import { officer, officerJoined, organization, organizationRegistered, type TestOfficer } from './support/events';
import { type RunningNotifications, startTestNotifications, until } from './harness';

// Real: Postgres and NATS JetStream, the events published on the stream as capacity-building's
// relay does. A UN-launched amber programme with the AU: its events reach the subscribed AU and
// UN desk officers and its followers, in their languages, and nobody else.

const UN = organization('UN', 'global');
const AU = organization('AU', 'africa');
const EU = organization('EU', 'europe');
const OAS = organization('OAS', 'americas');

const unCreator = officer(UN, 'creator');
const unDesk = officer(UN, 'africa-desk', 'ar');
const unOther = officer(UN, 'europe-desk');
const auDesk = officer(AU, 'psd', 'fr');
const euSubscribed = officer(EU, 'claire', 'fr');
const oasOfficer = officer(OAS, 'diego', 'es');
const everyone = [unCreator, unDesk, unOther, auDesk, euSubscribed, oasOfficer];

const viewerOf = (o: TestOfficer): Viewer => ({ officerId: o.id, organizationId: o.organizationId, roles: ['officer'] });

const programmeId = uuidv7();
const programme: ProgrammeState = {
  programmeId,
  title: 'UN–AU capacity-building on peace and security',
  partnerOrganizationId: AU.id,
  scope: 'comprehensive',
  focusAreas: ['conflict-prevention', 'mediation', 'electoral-assistance', 'policy-organs-support'],
  status: 'active',
  classification: 'amber',
  audience: { organizations: [AU.id], officers: [] },
  originOrganizationId: UN.id,
  authorId: unCreator.id,
};

function programmeEvent(followers: string[], changedBy: string): LiaisonEvent {
  return createEvent(ProgrammeLaunchedEvent, {
    subject: programmeId,
    classification: 'amber',
    originorg: UN.id,
    sequence: 1,
    data: { ...programme, followers, changedBy },
  });
}

function milestone(title: string): MilestoneState {
  return {
    milestoneId: uuidv7(),
    programmeId,
    programmeTitle: programme.title,
    partnerOrganizationId: AU.id,
    title,
    dueOn: '2027-03-31',
    classification: 'amber',
    audience: { organizations: [AU.id], officers: [] },
    originOrganizationId: UN.id,
    authorId: unCreator.id,
  };
}

describe('capacity-building events: to the subscribed AU and UN desk officers and the followers, nobody else', () => {
  let service: RunningNotifications;
  const auth = async (o: TestOfficer) => ({ Authorization: `Bearer ${await service.token(viewerOf(o))}` });
  const reached = async (eventId: string) =>
    (await service.query(`SELECT officer_id, language, title FROM notification_inbox WHERE event_id = $1 ORDER BY officer_id`, [eventId])) as Array<{
      officer_id: string;
      language: string;
      title: string;
    }>;
  const settle = () => new Promise((resolve) => setTimeout(resolve, 700));

  beforeAll(async () => {
    service = await startTestNotifications('notif_capacity', { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
    for (const org of [UN, AU, EU, OAS]) await service.publish(organizationRegistered(org));
    for (const o of everyone) await service.publish(officerJoined(o));
    await until(() => service.query(`SELECT id FROM registry_officers`), (rows) => rows.length === everyone.length);
    // the UN Africa desk and an EU officer follow the AU; another UN desk follows Sudan only
    for (const o of [unDesk, euSubscribed]) {
      await service.http.post('/api/v1/subscriptions').set(await auth(o)).send({ filters: { organizations: [AU.id] }, channels: ['in-app'], frequency: 'immediate' }).expect(201);
    }
    await service.http.post('/api/v1/subscriptions').set(await auth(unOther)).send({ filters: { countries: ['SD'] }, channels: ['in-app'], frequency: 'immediate' }).expect(201);
  });

  afterAll(() => service.stop());

  it('milestone.delayed (made by no one): the UN creator who follows it, the UN Africa desk and the AU desk, in their languages', async () => {
    const late = milestone('PSC secretariat support plan adopted');
    const event = createEvent(MilestoneDelayedEvent, {
      subject: late.milestoneId,
      classification: 'amber',
      originorg: UN.id,
      sequence: 2,
      data: { ...late, status: 'delayed', followers: [unCreator.id, auDesk.id] },
    });
    await service.publish(event);
    const items = await until(() => reached(event.id), (rows) => rows.length >= 3);
    await settle();
    expect((await reached(event.id)).map((r) => r.officer_id).sort()).toEqual([unCreator.id, unDesk.id, auDesk.id].sort());
    expect(items.find((r) => r.officer_id === auDesk.id)).toMatchObject({ language: 'fr', title: 'Jalon en retard : PSC secretariat support plan adopted' });
    expect(items.find((r) => r.officer_id === unDesk.id)).toMatchObject({ language: 'ar', title: 'تأخرت المرحلة: PSC secretariat support plan adopted' });
    expect(items.find((r) => r.officer_id === unCreator.id)).toMatchObject({ language: 'en', title: 'Milestone delayed: PSC secretariat support plan adopted' });
    // the EU officer follows the AU but may not see an amber programme shared with the AU only
    for (const outsider of [euSubscribed, oasOfficer, unOther]) {
      const { body } = await service.http.get('/api/v1/notifications').set(await auth(outsider)).expect(200);
      expect(body.items.filter((item: { eventId: string }) => item.eventId === event.id)).toEqual([]);
    }
  });

  it('programme.launched: not the officer who launched it; the subscribed desks of the AU and the UN', async () => {
    const event = programmeEvent([], unCreator.id);
    await service.publish(event);
    await until(() => reached(event.id), (rows) => rows.length >= 2);
    await settle();
    expect((await reached(event.id)).map((r) => r.officer_id).sort()).toEqual([unDesk.id, auDesk.id].sort());
  });

  it('milestone.completed: the follower is told without a subscription of their own; the officer who completed it is not', async () => {
    const done = milestone('Mediation support roster reviewed');
    const event = createEvent(MilestoneCompletedEvent, {
      subject: done.milestoneId,
      classification: 'amber',
      originorg: UN.id,
      sequence: 2,
      data: { ...done, status: 'completed', completedOn: '2027-03-20', followers: [unCreator.id, unOther.id], changedBy: auDesk.id },
    });
    await service.publish(event);
    await until(() => reached(event.id), (rows) => rows.length >= 3);
    await settle();
    // unOther follows Sudan only, but follows the programme (they took part in it): told
    expect((await reached(event.id)).map((r) => r.officer_id).sort()).toEqual([unCreator.id, unDesk.id, unOther.id].sort());
    const { body } = await service.http.get('/api/v1/notifications').set(await auth(auDesk)).expect(200);
    expect(body.items.filter((item: { eventId: string }) => item.eventId === event.id)).toEqual([]);
  });

  it('a follower the classification does not allow is told nothing', async () => {
    const strict = milestone('UN-internal review');
    const event = createEvent(MilestoneDelayedEvent, {
      subject: strict.milestoneId,
      classification: 'amber-strict',
      originorg: UN.id,
      sequence: 2,
      data: { ...strict, classification: 'amber-strict', audience: { organizations: [], officers: [] }, status: 'delayed', followers: [auDesk.id, unCreator.id] },
    });
    await service.publish(event);
    await until(() => reached(event.id), (rows) => rows.length >= 1);
    await settle();
    // the AU follower may not see an amber-strict UN record; UN officers subscribed to the AU may
    expect((await reached(event.id)).map((r) => r.officer_id).sort()).toEqual([unCreator.id, unDesk.id].sort());
  });
});
