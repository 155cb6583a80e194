import type { Viewer } from '@liaison/auth';
import type { LiaisonEvent } from '@liaison/contracts';
import { briefPublished, briefWithdrawn, officer, officerJoined, organization, organizationRegistered, reclassified, type TestOfficer } from './support/events';
import { SseClient } from './support/sse-client';
import { type RunningNotifications, startTestNotifications, until } from './harness';

// Real: Postgres, JetStream, SSE over HTTP. A reclassification or a withdrawal makes no inbox
// item, yet a screen showing the record must learn that it changed: the live feeds of those who
// could see the record get a `record-changed` event naming it (kind and id, nothing of it); an
// officer who never could see it gets nothing.

const AU = organization('AU', 'africa');
const OAS = organization('OAS', 'americas');
const EU = organization('EU', 'europe');
const auAuthor = officer(AU, 'author');
const auColleague = officer(AU, 'colleague');
const oasOfficer = officer(OAS, 'oas');
const euOfficer = officer(EU, 'eu');
const PEOPLE = [auAuthor, auColleague, oasOfficer, euOfficer];
const viewerOf = (o: TestOfficer): Viewer => ({ officerId: o.id, organizationId: o.organizationId, roles: ['officer'] });

describe('the live feed tells of a record reclassified or withdrawn under it', () => {
  let service: RunningNotifications;
  const feeds = new Map<TestOfficer, SseClient>();

  beforeAll(async () => {
    service = await startTestNotifications('notif_live_signals', { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
    for (const org of [AU, OAS, EU]) await service.publish(organizationRegistered(org));
    for (const o of PEOPLE) await service.publish(officerJoined(o));
    await until(() => service.query(`SELECT id FROM registry_officers`), (rows) => rows.length === PEOPLE.length);
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
  const signals = (o: TestOfficer) => feeds.get(o)!.messages.filter((m) => m.event === 'record-changed');
  const signalled = (o: TestOfficer, record: LiaisonEvent) => signals(o).some((m) => m.data.id === record.subject);
  const told = (o: TestOfficer, record: LiaisonEvent) => until(async () => signals(o), () => signalled(o, record));

  /** A green brief withdrawn: every feed is told of it, so by then each has been told everything before it. */
  const everyFeedCaughtUp = async () => {
    const marker = briefPublished({ author: auAuthor, classification: 'green', title: 'Marker' });
    await service.publish(marker);
    await handled(marker);
    await service.publish(briefWithdrawn(marker));
    for (const o of feeds.keys()) await told(o, marker);
  };

  it('a raised level reaches the feeds of those who could see the record, naming it without content; not those who never could', async () => {
    const brief = briefPublished({ author: auAuthor, classification: 'amber', audience: { organizations: [OAS.id] }, title: 'Raised under a reader SIGNAL-1' });
    await service.publish(brief);
    await handled(brief);

    const raise = reclassified(brief, 'amber-strict', {}, 2);
    await service.publish(raise);
    await told(oasOfficer, brief);
    await told(auColleague, brief);
    await everyFeedCaughtUp();

    expect(signals(oasOfficer).find((m) => m.data.id === brief.subject)).toEqual({ id: undefined, event: 'record-changed', data: { kind: 'brief', id: brief.subject } });
    expect(signalled(euOfficer, brief)).toBe(false);
    for (const o of feeds.keys()) expect(JSON.stringify(signals(o))).not.toContain('SIGNAL-1');
  });

  it("a withdrawal reaches those who could see the brief until then, not one it was restricted from before", async () => {
    const brief = briefPublished({ author: auAuthor, classification: 'amber', audience: { organizations: [OAS.id] }, title: 'Restricted, then withdrawn SIGNAL-2' });
    await service.publish(brief);
    await handled(brief);
    const raise = reclassified(brief, 'amber-strict', {}, 2);
    await service.publish(raise);
    await told(oasOfficer, brief);
    const before = signals(oasOfficer).length;

    await service.publish(briefWithdrawn(brief));
    await until(async () => signals(auColleague), (messages) => messages.filter((m) => m.data.id === brief.subject).length === 2);
    await everyFeedCaughtUp();

    // the OAS officer was told once, of the raise; of the withdrawal, of what they no longer could see, nothing
    expect(signals(oasOfficer).slice(before).map((m) => m.data.id)).not.toContain(brief.subject);
    expect(signalled(euOfficer, brief)).toBe(false);
  });
});
