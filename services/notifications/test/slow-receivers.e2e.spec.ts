import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Viewer } from '@liaison/auth';
import { publicError } from '../src/webhooks/webhook-worker';
import { briefPublished, officer, officerJoined, organization, organizationRegistered, type TestOfficer } from './support/events';
import { type RunningNotifications, startTestNotifications, until } from './harness';

// Real: Postgres, JetStream, and a receiver in this process that answers its headers at once and
// then trickles one byte of body every 300 ms, for ever.

const EU = organization('EU', 'europe');
const writer = officer(EU, 'writer');
const euAdmin: Viewer = { officerId: crypto.randomUUID(), organizationId: EU.id, roles: ['officer', 'admin'] };
const BRIEF = 'liaison.brief.published.v1';
const TIMEOUT_MS = 1_500;

describe('webhook receivers that are slow, or not private enough', () => {
  let service: RunningNotifications;
  let trickler: http.Server;
  const trickles = new Set<NodeJS.Timeout>();

  beforeAll(async () => {
    trickler = http.createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      const drip = setInterval(() => response.write('.'), 300);
      trickles.add(drip);
      response.on('close', () => clearInterval(drip));
    });
    await new Promise<void>((resolve) => trickler.listen(0, '127.0.0.1', resolve));
    service = await startTestNotifications('slow_receivers', { WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS), WEBHOOK_MAX_ATTEMPTS: '1', LOG_LEVEL: 'silent' });
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

  it('gives up on a receiver that trickles its answer at the total deadline, and says so without an address', async () => {
    const { port } = trickler.address() as AddressInfo;
    const token = await service.token(euAdmin);
    const hook = await service.http.post('/api/v1/webhooks').set('Authorization', `Bearer ${token}`).send({ url: `http://127.0.0.1:${port}/slow`, eventTypes: [BRIEF] }).expect(201);
    const sentAt = Date.now();
    await service.publish(briefPublished({ author: writer, classification: 'green', title: 'To a slow receiver' }));

    const [delivery] = await until(
      () => service.query(`SELECT status, last_error, updated_at FROM webhook_deliveries WHERE endpoint_id = $1`, [hook.body.id]),
      (rows) => rows.length === 1 && rows[0].status === 'failed',
      20_000,
    );
    expect(delivery.last_error).toContain(`no complete answer within ${TIMEOUT_MS} ms`);
    // the byte every 300 ms kept the socket busy: only the total deadline ended it
    expect(new Date(delivery.updated_at).getTime() - sentAt).toBeLessThan(TIMEOUT_MS + 5_000);
  });

  it('refuses an http:// target on the internet: deliveries carry amber content', async () => {
    const token = await service.token(euAdmin);
    const { body } = await service.http.post('/api/v1/webhooks').set('Authorization', `Bearer ${token}`).send({ url: 'http://partner.example.org/hook', eventTypes: [BRIEF] }).expect(400);
    expect(body.errors).toEqual([{ field: 'url', message: expect.stringContaining('https://'), code: 'unsafeUrl' }]);
  });

  it('names no internal address in a delivery error', () => {
    expect(publicError(Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:443'), { code: 'ECONNREFUSED' }))).toBe('the receiver refused the connection');
    expect(publicError(new Error('DNS lookup 10.1.2.3(family:4, host:hooks.internal) is not allowed. Because, It is private IP address.'))).toBe(
      'the host resolves to a private, loopback or link-local address',
    );
    expect(publicError(new Error('write EPIPE to fd00::1:8443'))).not.toMatch(/fd00/);
  });
});
