import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Viewer } from '@liaison/auth';
import { PER_ENDPOINT } from '../src/webhooks/webhook-worker';
import { briefPublished, officer, officerJoined, organization, organizationRegistered, type TestOfficer } from './support/events';
import { type RunningNotifications, startTestNotifications, until } from './harness';

// Real: Postgres, JetStream, and two receivers in this process: one that verifies and answers at
// once, one that answers its headers and then trickles a byte of body every 300 ms, for ever.

const EU = organization('EU', 'europe');
const writer = officer(EU, 'writer');
const euAdmin: Viewer = { officerId: crypto.randomUUID(), organizationId: EU.id, roles: ['officer', 'admin'] };
const BRIEF = 'liaison.brief.published.v1';
/** long enough that the slow receiver is still holding its delivery when the test is over */
const TIMEOUT_MS = 60_000;

describe('a slow webhook receiver holds no one else', () => {
  let service: RunningNotifications;
  let trickler: http.Server;
  const trickles = new Set<NodeJS.Timeout>();
  let slowConnections = 0;

  beforeAll(async () => {
    trickler = http.createServer((_request, response) => {
      slowConnections += 1;
      response.writeHead(200, { 'content-type': 'text/plain' });
      const drip = setInterval(() => response.write('.'), 300);
      trickles.add(drip);
      response.on('close', () => clearInterval(drip));
    });
    await new Promise<void>((resolve) => trickler.listen(0, '127.0.0.1', resolve));
    service = await startTestNotifications('endpoint_isolation', { WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS), LOG_LEVEL: 'silent' });
    await service.publish(organizationRegistered(EU));
    await service.publish(officerJoined(writer as TestOfficer));
    await until(() => service.query(`SELECT id FROM registry_officers`), (rows) => rows.length === 1);
  });

  afterAll(async () => {
    for (const drip of trickles) clearInterval(drip);
    trickler.closeAllConnections();
    trickler.close();
    await service.stop();
  });

  it("delivers to a fast endpoint promptly while another endpoint's receiver trickles, and stops without waiting for it", async () => {
    const { port } = trickler.address() as AddressInfo;
    const auth = async () => ({ Authorization: `Bearer ${await service.token(euAdmin)}` });
    const slow = await service.http.post('/api/v1/webhooks').set(await auth()).send({ url: `http://127.0.0.1:${port}/slow`, eventTypes: [BRIEF] }).expect(201);

    // more deliveries due at once for the slow endpoint than a replica keeps on the wire: they wait
    // in the stream while the service is down, and fan out together when it is back
    await service.stopApp();
    for (let n = 0; n < 25; n += 1) await service.publish(briefPublished({ author: writer, classification: 'green', title: `Backlog ${n}` }));
    await service.startApp();
    await until(async () => (await service.query(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = $1`, [slow.body.id]))[0].n, (n) => n === 25, 15_000);
    await until(async () => slowConnections, (n) => n >= PER_ENDPOINT, 10_000);

    const fast = await service.http.post('/api/v1/webhooks').set(await auth()).send({ url: `${service.receiver.origin}/fast`, eventTypes: [BRIEF] }).expect(201);
    service.receiver.secrets.set('/fast', fast.body.secret);
    const startedAt = Date.now();
    for (const title of ['First', 'Second', 'Third']) await service.publish(briefPublished({ author: writer, classification: 'green', title }));

    // all three reach the fast receiver, while the slow one still holds its first few
    await until(async () => service.receiver.at('/fast').length, (n) => n === 3, 15_000);
    expect(Date.now() - startedAt).toBeLessThan(15_000);
    expect(service.receiver.rejected).toEqual([]);
    const slowRows = await service.query(`SELECT status, count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = $1 GROUP BY status ORDER BY status`, [slow.body.id]);
    expect(slowRows).toEqual([
      { status: 'pending', n: 28 - PER_ENDPOINT },
      { status: 'sending', n: PER_ENDPOINT },
    ]);
    expect(slowConnections).toBe(PER_ENDPOINT);

    // shutdown cuts the slow exchange short instead of waiting for it, and records the attempt
    const stopping = Date.now();
    await service.stopApp();
    expect(Date.now() - stopping).toBeLessThan(10_000);
    const cut = await service.query(`SELECT status, last_error FROM webhook_deliveries WHERE endpoint_id = $1 AND attempts = 1`, [slow.body.id]);
    expect(cut).toEqual(Array(PER_ENDPOINT).fill({ status: 'pending', last_error: expect.stringContaining('the service stopped before the receiver answered') }));
  });
});
