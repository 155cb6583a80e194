import { v7 as uuidv7 } from 'uuid';
import type { Viewer } from '@liaison/auth';
import { type Classification, createEvent, type LiaisonEvent, MilestoneCompletedEvent, MilestoneDelayedEvent, ProgrammeUpdatedEvent } from '@liaison/contracts';
import { NO_AUTHOR } from '../src/events/event-facts';
import { DigestScheduler } from '../src/email/digest-scheduler';
import { officer, officerJoined, organization, organizationRegistered, type TestOfficer, type TestOrganization } from './support/events';
import { SseClient } from './support/sse-client';
import { type RunningNotifications, startTestNotifications, until } from './harness';
import { mulberry32 } from './seeded-random';

// Real: Postgres, JetStream, SMTP, SSE and webhook receivers. Capacity-building's events name the
// programme's followers (told without a subscription) and the officer who made the change (not
// told): many officers across organizations with random subscriptions, programme and milestone
// events of every classification with random followers, entitled or not; every (officer, event,
// channel) is checked against an oracle written from ARCHITECTURE.md's table, without libs/auth.
// (leak.e2e.spec.ts follows records over time; this one, the followers at fan-out.)

const LEVELS: Classification[] = ['clear', 'green', 'amber', 'amber-strict', 'red'];
const ORGS: TestOrganization[] = [organization('UN', 'global'), organization('AU', 'africa'), organization('EU', 'europe'), organization('OAS', 'americas'), organization('LAS', 'middle-east')];
const LANGS = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
const OFFICERS: TestOfficer[] = ORGS.flatMap((org, i) => [0, 1, 2, 3].map((j) => officer(org, `o${i}${j}`, LANGS[(i + j) % 6])));
const COUNTRIES = ['SD', 'ML', 'FR'];
const THEMES = ['mediation', 'humanitarian'];
const TYPES = ['liaison.programme.updated.v1', 'liaison.milestone.completed.v1', 'liaison.milestone.delayed.v1'];

interface Sub {
  eventTypes: string[];
  organizations: string[];
  countries: string[];
  regions: string[];
  themes: string[];
  concerningMe: boolean;
  channels: string[];
  frequency: 'immediate' | 'daily';
}

interface Happening {
  event: LiaisonEvent;
  secret: string;
  classification: Classification;
  origin: string;
  author: string;
  /** who made the change, and so is not told of it: the author, or the one a milestone event names (NO_AUTHOR: nobody) */
  changedBy: string;
  audienceOrgs: string[];
  audienceOfficers: string[];
  orgs: string[];
  countries: string[];
  regions: string[];
  themes: string[];
  concernedOrgs: string[];
  concernedOfficers: string[];
}

/** The table of ARCHITECTURE.md, "Who may see what", for an officer of a registered organization. */
function entitled(o: TestOfficer, h: Happening): boolean {
  switch (h.classification) {
    case 'clear':
    case 'green':
      return true;
    case 'amber':
      return o.organizationId === h.origin || h.audienceOrgs.includes(o.organizationId);
    case 'amber-strict':
      return o.organizationId === h.origin;
    case 'red':
      return o.id === h.author || h.audienceOfficers.includes(o.id);
  }
}

/** A partner system sees what every officer of its organization may see; red names officers, never a system. */
function organizationEntitled(org: string, h: Happening): boolean {
  if (h.classification === 'red') return false;
  return entitled({ id: uuidv7(), organizationId: org, email: '', language: 'en' }, h);
}

const meets = (filter: string[], values: string[]) => filter.length === 0 || filter.some((v) => values.includes(v));
function matches(o: TestOfficer, s: Sub, h: Happening): boolean {
  return (
    meets(s.eventTypes, [h.event.type]) &&
    meets(s.organizations, h.orgs) &&
    meets(s.countries, h.countries) &&
    meets(s.regions, h.regions) &&
    meets(s.themes, h.themes) &&
    (!s.concerningMe || h.concernedOrgs.includes(o.organizationId) || h.concernedOfficers.includes(o.id))
  );
}

/** Seeded (mulberry32), so a failing run can be repeated. */
function seeded(seed: number) {
  const next = mulberry32(seed);
  return { nextDouble: next, nextInt: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)) };
}

const DEFAULT: Sub = { eventTypes: [], organizations: [], countries: [], regions: [], themes: [], concerningMe: true, channels: ['in-app', 'email'], frequency: 'immediate' };
const regionOf = (org: string) => ORGS.find((o) => o.id === org)!.region;

describe('followers of programmes: no content reaches anyone not entitled to it, by any channel (random officers, subscriptions, followers)', () => {
  let service: RunningNotifications;
  const subscriptions = new Map<string, Sub[]>();
  const happenings: Happening[] = [];
  const feeds = new Map<string, SseClient>();
  const hookPath = (org: string) => `/org/${org}`;
  const viewerOf = (o: TestOfficer): Viewer => ({ officerId: o.id, organizationId: o.organizationId, roles: ['officer'] });

  beforeAll(async () => {
    service = await startTestNotifications('notif_followers_leak', { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
    for (const org of ORGS) await service.publish(organizationRegistered(org));
    for (const o of OFFICERS) await service.publish(officerJoined(o));
    await until(() => service.query(`SELECT id FROM registry_officers`), (rows) => rows.length === OFFICERS.length);

    const rand = seeded(20261129);
    const pick = <T>(values: readonly T[], max = 2): T[] => {
      const left = [...values];
      const out: T[] = [];
      for (let n = rand.nextInt(0, max); out.length < n && left.length > 0; ) out.push(left.splice(rand.nextInt(0, left.length - 1), 1)[0]);
      return out;
    };
    const chance = (p: number) => rand.nextDouble() < p;

    for (const o of OFFICERS) {
      if (chance(0.25)) {
        subscriptions.set(o.id, [DEFAULT]); // never touched: the implicit default
        continue;
      }
      const subs: Sub[] = [];
      const count = rand.nextInt(0, 2);
      for (let i = 0; i < count; i++) {
        const sub: Sub = {
          eventTypes: pick(TYPES),
          organizations: pick(ORGS.map((x) => x.id), 1),
          countries: pick(COUNTRIES),
          regions: pick(['africa', 'europe', 'global'], 1),
          themes: pick(THEMES),
          concerningMe: chance(0.2),
          channels: chance(0.5) ? ['in-app', 'email'] : chance(0.5) ? ['in-app'] : ['email'],
          frequency: chance(0.25) ? 'daily' : 'immediate',
        };
        const { concerningMe, channels, frequency, ...lists } = sub;
        await service.http
          .post('/api/v1/subscriptions')
          .set('Authorization', `Bearer ${await service.token(viewerOf(o))}`)
          .send({ filters: { ...lists, concerningMe }, channels, frequency })
          .expect(201);
        subs.push(sub);
      }
      // reading the subscriptions made the default a row; keep it or delete it
      const { body } = await service.http.get('/api/v1/subscriptions?limit=200').set('Authorization', `Bearer ${await service.token(viewerOf(o))}`).expect(200);
      const defaultRow = body.items.find((s: any) => s.isDefault);
      if (chance(0.5)) {
        await service.http.delete(`/api/v1/subscriptions/${defaultRow.id}`).set('Authorization', `Bearer ${await service.token(viewerOf(o))}`).expect(204);
      } else subs.push(DEFAULT);
      subscriptions.set(o.id, subs);
    }

    for (const org of ORGS) {
      const admin: Viewer = { officerId: uuidv7(), organizationId: org.id, roles: ['admin'] };
      const { body } = await service.http
        .post('/api/v1/webhooks')
        .set('Authorization', `Bearer ${await service.token(admin)}`)
        .send({ url: `${service.receiver.origin}${hookPath(org.id)}`, eventTypes: TYPES })
        .expect(201);
      service.receiver.secrets.set(hookPath(org.id), body.secret);
      // the admin is a registered officer (tokens follow the registry) but no reader here: no default subscription
      const own = await service.http.get('/api/v1/subscriptions?limit=200').set('Authorization', `Bearer ${await service.token(admin)}`).expect(200);
      const defaultRow = own.body.items.find((s: { isDefault: boolean }) => s.isDefault);
      await service.http.delete(`/api/v1/subscriptions/${defaultRow.id}`).set('Authorization', `Bearer ${await service.token(admin)}`).expect(204);
    }
    for (const o of OFFICERS) feeds.set(o.id, await SseClient.open(`${service.origin}/api/v1/notifications/stream`, { Authorization: `Bearer ${await service.token(viewerOf(o))}` }));

    for (let n = 0; n < 40; n++) {
      const classification = LEVELS[n % LEVELS.length];
      const author = OFFICERS[rand.nextInt(0, OFFICERS.length - 1)];
      const audienceOrgs = classification === 'amber' ? [...new Set([ORGS[rand.nextInt(0, 4)].id, ...pick(ORGS.map((x) => x.id), 1)])] : [];
      const audienceOfficers = classification === 'red' ? [...new Set([OFFICERS[rand.nextInt(0, OFFICERS.length - 1)].id, ...pick(OFFICERS.map((x) => x.id), 1)])] : [];
      const secret = `SECRET${String(n).padStart(3, '0')}`;
      const themes = pick(THEMES);
      let event: LiaisonEvent;
      // a programme changed or a milestone completed by someone, or a milestone's delay (made by no
      // one), told to the programme's followers, entitled or not
      const partner = ORGS[rand.nextInt(1, 4)].id;
      const followers = pick(OFFICERS.map((x) => x.id), 3);
      const kind = n % 3;
      const changedBy = kind === 2 ? undefined : OFFICERS[rand.nextInt(0, OFFICERS.length - 1)].id;
      const reach = {
        classification, audience: { organizations: audienceOrgs, officers: audienceOfficers }, originOrganizationId: author.organizationId, authorId: author.id,
        followers, ...(changedBy ? { changedBy } : {}),
      };
      const programmeId = uuidv7();
      if (kind === 0) {
        event = createEvent(ProgrammeUpdatedEvent, {
          subject: programmeId, classification, originorg: author.organizationId, sequence: 2,
          data: { ...reach, programmeId, title: `Programme ${secret}`, partnerOrganizationId: partner, scope: 'comprehensive', focusAreas: themes as never, status: 'active' },
        });
      } else {
        const milestoneId = uuidv7();
        const milestone = { ...reach, milestoneId, programmeId, programmeTitle: `Programme ${secret}`, partnerOrganizationId: partner, title: `Milestone ${secret}`, dueOn: '2027-03-31' };
        event = kind === 1
          ? createEvent(MilestoneCompletedEvent, { subject: milestoneId, classification, originorg: author.organizationId, sequence: 2, data: { ...milestone, status: 'completed', completedOn: '2027-03-20', note: `Note ${secret}` } })
          : createEvent(MilestoneDelayedEvent, { subject: milestoneId, classification, originorg: author.organizationId, sequence: 2, data: { ...milestone, status: 'delayed' } });
      }
      const orgs = [...new Set([author.organizationId, partner])];
      const h: Omit<Happening, 'event'> = {
        secret, classification, origin: author.organizationId, author: author.id, changedBy: changedBy ?? NO_AUTHOR, audienceOrgs, audienceOfficers,
        orgs, countries: [], themes: kind === 0 ? themes : [], regions: [...new Set(orgs.map(regionOf))], concernedOrgs: [partner], concernedOfficers: followers,
      };
      happenings.push({ event, ...h });
      await service.publish(event);
    }
    // quiescence, however long a loaded machine takes (a send that timed out is retried after its back-off)
    await until(() => service.query(`SELECT count(*)::int AS n FROM inbox WHERE consumer LIKE '%programme_updated' OR consumer LIKE '%milestone_completed' OR consumer LIKE '%milestone_delayed'`), (r) => r[0].n === 40, 120_000);
    // every daily item into a digest: the scheduler's hourly runs through a whole day ahead, so
    // every officer's digest hour comes once whatever the time of day the test runs at (one run
    // 36 hours ahead missed the default 08:00 UTC whenever the test started between 12:00 and 20:00 UTC)
    const scheduler = service.app.get(DigestScheduler);
    const dayAhead = Date.now() + 24 * 3600_000;
    for (let hour = 0; hour < 24; hour++) await scheduler.prepare(new Date(dayAhead + hour * 3600_000));
    await until(() => service.query(`SELECT id FROM email_deliveries WHERE status IN ('pending', 'sending')`), (r) => r.length === 0, 180_000);
    await until(() => service.query(`SELECT id FROM webhook_deliveries WHERE status IN ('pending', 'sending')`), (r) => r.length === 0, 180_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
  }, 600_000);
  afterAll(async () => {
    for (const feed of feeds.values()) feed.close();
    await service.stop();
  });

  const secretsIn = (text: string) => [...new Set(text.match(/SECRET\d{3}/g) ?? [])];
  const happeningOf = (secret: string) => happenings.find((h) => h.secret === secret)!;

  it('inbox items: exactly the subscribed and entitled officers (never the one who made the change)', async () => {
    const rows = await service.query(`SELECT officer_id, event_id, in_app, email FROM notification_inbox WHERE event_type = ANY($1)`, [TYPES]);
    const got = new Set(rows.map((r) => `${r.officer_id}/${r.event_id}`));
    const expected = new Set<string>();
    for (const h of happenings) for (const o of OFFICERS) {
      if (o.id !== h.changedBy && entitled(o, h) && subscriptions.get(o.id)!.some((s) => matches(o, s, h))) expected.add(`${o.id}/${h.event.id}`);
    }
    for (const key of got) {
      const [officerId, eventId] = key.split('/');
      const h = happenings.find((x) => x.event.id === eventId)!;
      expect({ key, entitled: entitled(OFFICERS.find((o) => o.id === officerId)!, h) }).toEqual({ key, entitled: true });
    }
    expect([...got].sort()).toEqual([...expected].sort());
    expect(expected.size).toBeGreaterThan(20);
  });

  it('SSE: each officer sees exactly their in-app items, nothing else', async () => {
    const inApp = await service.query(`SELECT officer_id, event_id FROM notification_items WHERE in_app`);
    for (const o of OFFICERS) {
      const feed = feeds.get(o.id)!;
      const seen = feed.messages.map((m) => m.data.eventId).sort();
      expect({ officer: o.id, seen }).toEqual({ officer: o.id, seen: inApp.filter((r) => r.officer_id === o.id).map((r) => r.event_id).sort() });
      for (const message of feed.messages) for (const secret of secretsIn(JSON.stringify(message.data))) expect(entitled(o, happeningOf(secret))).toBe(true);
    }
  });

  it('e-mail: only entitled officers, and never the content of amber-strict or red', async () => {
    expect(service.mailbox.mails.length).toBeGreaterThan(5);
    const ids = new Set(service.mailbox.mails.map((m) => m.messageId));
    expect(ids.size).toBe(service.mailbox.mails.length); // no message twice
    for (const mail of service.mailbox.mails) {
      const o = OFFICERS.find((x) => mail.to.includes(x.email))!;
      expect(o).toBeDefined();
      for (const secret of secretsIn(`${mail.subject} ${mail.text} ${mail.html}`)) {
        const h = happeningOf(secret);
        expect({ to: o.id, secret, entitled: entitled(o, h) }).toEqual({ to: o.id, secret, entitled: true });
        expect({ secret, classification: h.classification }).not.toEqual({ secret, classification: expect.stringMatching(/^(amber-strict|red)$/) });
      }
    }
    // every item meant for e-mail went out (at once, or in the digest)
    const meant = await service.query(
      `SELECT i.officer_id, i.email, e.status FROM notification_items i
         LEFT JOIN email_deliveries e ON e.item_id = i.id OR e.id = i.digest_id
        WHERE i.email <> 'none'`,
    );
    expect(meant.filter((r) => r.status !== 'sent')).toEqual([]);
  });

  it('webhooks: each organization receives exactly what it may see, verified', async () => {
    expect(service.receiver.rejected).toEqual([]);
    for (const org of ORGS) {
      const got = service.receiver.at(hookPath(org.id)).map((hook) => hook.body.id).sort();
      const expected = happenings.filter((h) => organizationEntitled(org.id, h)).map((h) => h.event.id).sort();
      expect({ org: org.acronym, got }).toEqual({ org: org.acronym, got: expected });
      for (const hook of service.receiver.at(hookPath(org.id))) {
        const h = happenings.find((x) => x.event.id === hook.body.id)!;
        if (h.classification === 'amber-strict') expect(JSON.stringify(hook.body)).not.toContain(h.secret);
      }
    }
  });
});
