import http from 'node:http';
import { startTestService, type TestService } from '@liaison/testing';
import { NotificationsConfig } from '../src/config';
import { notificationsService } from '../src/notifications.module';
import { MAX_FEEDS_PER_OFFICER } from '../src/inbox/live-stream';
import { MAX_SUBSCRIPTIONS_PER_OFFICER } from '../src/subscriptions/subscriptions.service';
import { officer, officerJoined, organization, organizationRegistered, type TestOfficer } from './support/events';
import { type RunningNotifications, startTestNotifications } from './harness';

/** One officer cannot take an unbounded share: subscriptions (each costs every event's fan-out) and open live feeds are capped. */
describe('per-officer caps', () => {
  let service: RunningNotifications;

  beforeAll(async () => {
    service = await startTestNotifications('subscription_cap');
  });

  afterAll(() => service.stop());

  it(`refuses the subscription past ${MAX_SUBSCRIPTIONS_PER_OFFICER} with a 409 problem, and writes nothing`, async () => {
    const au = organization('AU');
    const someone: TestOfficer = officer(au, 'someone');
    await service.publish(organizationRegistered(au));
    await service.publish(officerJoined(someone));
    const token = await service.token({ officerId: someone.id, organizationId: au.id, roles: ['officer'] });
    const create = () => service.http.post('/api/v1/subscriptions').set('Authorization', `Bearer ${token}`).send({ filters: { themes: ['mediation'] } });
    let created = 0;
    let refused: Awaited<ReturnType<typeof create>> | undefined;
    while (!refused && created <= MAX_SUBSCRIPTIONS_PER_OFFICER) {
      const answer = await create();
      if (answer.status === 201) created += 1;
      else if (answer.status === 401) await new Promise((resolve) => setTimeout(resolve, 100)); // the registry has not heard of the officer yet
      else refused = answer;
    }
    expect(refused?.status).toBe(409);
    expect(refused?.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused?.body.code).toBe('subscription-limit');
    const [{ n }] = await service.query(`SELECT count(*)::int AS n FROM subscriptions WHERE officer_id = $1`, [someone.id]);
    expect(n).toBe(MAX_SUBSCRIPTIONS_PER_OFFICER);
  });

  it(`refuses a live feed past ${MAX_FEEDS_PER_OFFICER} open ones with a 429 problem, and takes one again when another closes`, async () => {
    const au = organization('AUS');
    const reader: TestOfficer = officer(au, 'reader');
    await service.publish(organizationRegistered(au));
    await service.publish(officerJoined(reader));
    const token = await service.token({ officerId: reader.id, organizationId: au.id, roles: ['officer'] });
    const open = () => openFeed(service.origin, token);
    const feeds: Array<Awaited<ReturnType<typeof open>>> = [];
    try {
      while (feeds.length < MAX_FEEDS_PER_OFFICER) {
        const feed = await open();
        if (feed.status === 401) await new Promise((resolve) => setTimeout(resolve, 100)); // the registry has not heard of the officer yet
        else feeds.push(feed);
      }
      expect(feeds.map((feed) => feed.status)).toEqual(Array(MAX_FEEDS_PER_OFFICER).fill(200));
      const refused = await open();
      expect(refused.status).toBe(429);
      expect(refused.type).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(refused.body).code).toBe('too-many-live-feeds');

      feeds.pop()!.request.destroy();
      await new Promise((resolve) => setTimeout(resolve, 200));
      const again = await open();
      expect(again.status).toBe(200);
      feeds.push(again);
    } finally {
      for (const feed of feeds) feed.request.destroy();
    }
  });

  it('gives back the place of a feed whose client left while it was being opened (a page navigated away at once)', async () => {
    const au = organization('AUL');
    const reader: TestOfficer = officer(au, 'reader who navigates');
    await service.publish(organizationRegistered(au));
    await service.publish(officerJoined(reader));
    const token = await service.token({ officerId: reader.id, organizationId: au.id, roles: ['officer'] });
    // the officer is known once a feed opens
    for (let known = await openFeed(service.origin, token); ; known = await openFeed(service.origin, token)) {
      known.request.destroy();
      if (known.status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (let i = 0; i < MAX_FEEDS_PER_OFFICER + 1; i++) await leaveWhileOpening(service.origin, token);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const feed = await openFeed(service.origin, token);
    feed.request.destroy();
    expect(feed.status).toBe(200);
  });

  it(`holds the cap of ${MAX_FEEDS_PER_OFFICER} feeds for the deployment: feeds on two replicas count together`, async () => {
    const second: TestService = await startTestService(notificationsService, NotificationsConfig, {
      databaseUrl: service.databaseUrl,
      messaging: service.messaging,
      env: { DATABASE_POOL_SIZE: '4' },
    });
    const au = organization('AUR');
    const reader: TestOfficer = officer(au, 'reader on two replicas');
    await service.publish(organizationRegistered(au));
    await service.publish(officerJoined(reader));
    const token = await service.token({ officerId: reader.id, organizationId: au.id, roles: ['officer'] });
    const feeds: Feed[] = [];
    try {
      const origins = [service.origin, second.origin];
      while (feeds.length < MAX_FEEDS_PER_OFFICER) {
        const feed = await openFeed(origins[feeds.length % 2], token);
        if (feed.status === 401) await new Promise((resolve) => setTimeout(resolve, 100)); // a replica has not heard of the officer yet
        else feeds.push(feed);
      }
      expect(feeds.map((feed) => feed.status)).toEqual(Array(MAX_FEEDS_PER_OFFICER).fill(200));
      for (const origin of origins) {
        const refused = await openFeed(origin, token);
        expect(refused.status).toBe(429);
        expect(JSON.parse(refused.body).code).toBe('too-many-live-feeds');
      }
      // one closed on the first replica frees a place on the second
      feeds.shift()!.request.destroy();
      await new Promise((resolve) => setTimeout(resolve, 300));
      const again = await openFeed(second.origin, token);
      expect(again.status).toBe(200);
      feeds.push(again);
    } finally {
      for (const feed of feeds) feed.request.destroy();
      await second.stopApp();
    }
  });
});

interface Feed {
  status: number;
  type: string;
  body: string;
  request: http.ClientRequest;
}

/** Opens a live feed; resolves at its headers when it is open, at its end when it is refused. */
function openFeed(origin: string, token: string): Promise<Feed> {
  return new Promise<Feed>((resolve, reject) => {
    const request = http.get(`${origin}/api/v1/notifications/stream`, { headers: { authorization: `Bearer ${token}` } }, (response) => {
      if (response.statusCode === 200) return resolve({ status: 200, type: String(response.headers['content-type']), body: '', request });
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, type: String(response.headers['content-type']), body, request }));
    });
    request.on('error', reject);
  });
}

/** Asks for a live feed and leaves as soon as the request is sent, before the feed can answer. */
function leaveWhileOpening(origin: string, token: string): Promise<void> {
  return new Promise<void>((resolve) => {
    const request = http.get(`${origin}/api/v1/notifications/stream`, { headers: { authorization: `Bearer ${token}` } });
    request.on('error', () => resolve());
    request.on('close', () => resolve());
    request.on('finish', () => setTimeout(() => request.destroy(), 2));
  });
}
