import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import type { Viewer } from '@liaison/auth';
import { loadConfig } from '@liaison/http';
import { startTestService, type TestService } from '@liaison/testing';
import { NotificationsConfig } from '../src/config';
import { notificationsService } from '../src/notifications.module';
import { briefPublished, officer, officerJoined, organization, organizationRegistered, type TestOfficer } from './support/events';
import { type RunningNotifications, startTestNotifications, until } from './harness';

// Real: Postgres, JetStream, and a receiver in this process that keeps every delivery's headers
// and body, so each signature can be checked against one secret at a time.

const EU = organization('EU', 'europe');
const writer = officer(EU, 'writer');
const euAdmin: Viewer = { officerId: crypto.randomUUID(), organizationId: EU.id, roles: ['officer', 'admin'] };
const BRIEF = 'liaison.brief.published.v1';
const KEY_A = randomBytes(32).toString('base64');
const KEY_B = randomBytes(32).toString('hex');

interface Delivery {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** Whether the delivery verifies with this secret alone (the library accepts any one signature of the list). */
const verifiesWith = (delivery: Delivery, secret: string) => {
  try {
    new Webhook(secret).verify(delivery.body, delivery.headers);
    return true;
  } catch {
    return false;
  }
};

describe('webhook secrets: encrypted at rest, rotated with an overlap', () => {
  let service: RunningNotifications;
  let receiver: http.Server;
  let origin: string;
  const deliveries: Delivery[] = [];
  const auth = async () => ({ Authorization: `Bearer ${await service.token(euAdmin)}` });

  /** Publishes a brief and waits for its delivery at `path`. */
  const deliveryAt = async (path: string): Promise<Delivery> => {
    const before = deliveries.filter((d) => d.path === path).length;
    await service.publish(briefPublished({ author: writer, classification: 'green', title: `Brief for ${path}` }));
    await until(async () => deliveries.filter((d) => d.path === path).length, (n) => n > before, 15_000);
    return deliveries.filter((d) => d.path === path)[before];
  };

  beforeAll(async () => {
    receiver = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        deliveries.push({ path: request.url ?? '/', headers: request.headers as Record<string, string>, body: Buffer.concat(chunks).toString('utf8') });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    service = await startTestNotifications('webhook_secrets', { LIAISON_SECRET_KEY: KEY_A, LOG_LEVEL: 'silent' });
    await service.publish(organizationRegistered(EU));
    await service.publish(officerJoined(writer as TestOfficer));
    await until(() => service.query(`SELECT id FROM registry_officers`), (rows) => rows.length === 1);
  });

  afterAll(async () => {
    receiver.closeAllConnections();
    receiver.close();
    await service.stop();
  });

  /** Rows of every table of the service's database whose text holds `value`. */
  const rowsHolding = async (value: string) => {
    const tables: Array<{ table_name: string }> = await service.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
    const found: string[] = [];
    for (const { table_name } of tables) {
      const [{ n }] = await service.query(`SELECT count(*)::int AS n FROM "${table_name}" t WHERE strpos(t::text, $1) > 0`, [value]);
      if (n > 0) found.push(table_name);
    }
    return found;
  };

  it('keeps no secret in clear: not in its table, nor anywhere in the database', async () => {
    const given = `whsec_${randomBytes(32).toString('base64')}`;
    const generated = await service.http.post('/api/v1/webhooks').set(await auth()).send({ url: `${origin}/generated`, eventTypes: [BRIEF] }).expect(201);
    const chosen = await service.http.post('/api/v1/webhooks').set(await auth()).send({ url: `${origin}/chosen`, eventTypes: [BRIEF], secret: given }).expect(201);
    expect(chosen.body.secret).toBe(given);

    const stored: Array<{ secret: string }> = await service.query(`SELECT secret FROM webhook_endpoints WHERE id = ANY($1)`, [[generated.body.id, chosen.body.id]]);
    expect(stored).toHaveLength(2);
    for (const { secret } of stored) expect(secret).toMatch(/^enc:v1:[A-Za-z0-9_-]{8}:/);
    for (const secret of [generated.body.secret as string, given]) {
      // the secret, or its random part alone
      expect(await rowsHolding(secret)).toEqual([]);
      expect(await rowsHolding(secret.slice('whsec_'.length))).toEqual([]);
    }
    // and the receiver can still verify what is signed with it
    expect(verifiesWith(await deliveryAt('/chosen'), given)).toBe(true);
  });

  it('rotates a secret through the API: the new one is returned once, both sign during the overlap, then only the new one', async () => {
    const created = await service.http.post('/api/v1/webhooks').set(await auth()).send({ url: `${origin}/rotated`, eventTypes: [BRIEF] }).expect(201);
    const old = created.body.secret as string;
    expect(verifiesWith(await deliveryAt('/rotated'), old)).toBe(true);

    // only an admin of the endpoint's organization rotates it
    const other: Viewer = { officerId: crypto.randomUUID(), organizationId: organization('AU').id, roles: ['officer', 'admin'] };
    await service.http.post(`/api/v1/webhooks/${created.body.id}/secret`).set({ Authorization: `Bearer ${await service.token(other)}` }).send({}).expect(404);
    await service.http
      .post(`/api/v1/webhooks/${created.body.id}/secret`)
      .set({ Authorization: `Bearer ${await service.token({ ...euAdmin, officerId: crypto.randomUUID(), roles: ['officer'] })}` })
      .send({})
      .expect(403);
    const bad = await service.http.post(`/api/v1/webhooks/${created.body.id}/secret`).set(await auth()).send({ overlapSeconds: -1 }).expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'overlapSeconds' })]);

    const rotated = await service.http.post(`/api/v1/webhooks/${created.body.id}/secret`).set(await auth()).send({ overlapSeconds: 3 }).expect(200);
    const fresh = rotated.body.secret as string;
    expect(fresh).toMatch(/^whsec_/);
    expect(fresh).not.toBe(old);
    expect(new Date(rotated.body.previousSecretExpiresAt).getTime()).toBeGreaterThan(Date.now());
    const read = await service.http.get(`/api/v1/webhooks/${created.body.id}`).set(await auth()).expect(200);
    expect(read.body).not.toHaveProperty('secret');
    expect(read.body.previousSecretExpiresAt).toBe(rotated.body.previousSecretExpiresAt);
    expect(await rowsHolding(fresh.slice('whsec_'.length))).toEqual([]);
    expect(await rowsHolding(old.slice('whsec_'.length))).toEqual([]);

    const during = await deliveryAt('/rotated');
    expect(during.headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(during.headers['webhook-signature']).toMatch(/^v1,\S+ v1,\S+$/);
    expect(verifiesWith(during, fresh)).toBe(true);
    expect(verifiesWith(during, old)).toBe(true);

    await new Promise((resolve) => setTimeout(resolve, 3_200));
    const after = await deliveryAt('/rotated');
    expect(after.headers['webhook-signature'].split(' ')).toHaveLength(1);
    expect(verifiesWith(after, fresh)).toBe(true);
    expect(verifiesWith(after, old)).toBe(false);
    const later = await service.http.get(`/api/v1/webhooks/${created.body.id}`).set(await auth()).expect(200);
    expect(later.body.previousSecretExpiresAt).toBeNull();
  });

  it('overlaps for WEBHOOK_SECRET_OVERLAP_SECONDS (a day) by default, and not at all with overlapSeconds 0', async () => {
    const created = await service.http.post('/api/v1/webhooks').set(await auth()).send({ url: `${origin}/default`, eventTypes: [BRIEF] }).expect(201);
    const rotated = await service.http.post(`/api/v1/webhooks/${created.body.id}/secret`).set(await auth()).send({}).expect(200);
    const day = new Date(rotated.body.previousSecretExpiresAt).getTime() - Date.now();
    expect(day).toBeGreaterThan(24 * 3600_000 - 60_000);
    expect(day).toBeLessThanOrEqual(24 * 3600_000);

    const leaked = await service.http.post(`/api/v1/webhooks/${created.body.id}/secret`).set(await auth()).send({ overlapSeconds: 0 }).expect(200);
    expect(leaked.body.previousSecretExpiresAt).toBeNull();
    const delivery = await deliveryAt('/default');
    expect(verifiesWith(delivery, leaked.body.secret)).toBe(true);
    expect(verifiesWith(delivery, rotated.body.secret)).toBe(false);
  });

  it('seals at start a secret stored in clear before encryption, and re-seals every secret under a new key while the previous one is set', async () => {
    const created = await service.http.post('/api/v1/webhooks').set(await auth()).send({ url: `${origin}/legacy`, eventTypes: [BRIEF] }).expect(201);
    // rotated: the old secret (sealed) keeps signing for ten minutes
    await service.http.post(`/api/v1/webhooks/${created.body.id}/secret`).set(await auth()).send({ overlapSeconds: 600 }).expect(200);
    const old = created.body.secret as string;
    const clear = `whsec_${randomBytes(32).toString('base64')}`;
    // the current secret as a version before encryption left it (the test's client writes it directly)
    await service.query(`UPDATE webhook_endpoints SET secret = $2 WHERE id = $1`, [created.body.id, clear]);
    await service.restart();
    const [afterStart] = await service.query(`SELECT secret FROM webhook_endpoints WHERE id = $1`, [created.body.id]);
    expect(afterStart.secret).toMatch(/^enc:v1:/);
    expect(await rowsHolding(clear.slice('whsec_'.length))).toEqual([]);
    const sealedAtStart = await deliveryAt('/legacy');
    expect(verifiesWith(sealedAtStart, clear)).toBe(true);
    expect(verifiesWith(sealedAtStart, old)).toBe(true);

    // a new key, the previous one beside it: every secret, current and previous, is sealed again under the new one
    const keyIdsOf = async () => {
      const rows: Array<{ secret: string; previous_secret: string | null }> = await service.query(`SELECT secret, previous_secret FROM webhook_endpoints`);
      return new Set(rows.flatMap((row) => [row.secret, row.previous_secret].filter((s): s is string => s !== null).map((s) => s.split(':')[2])));
    };
    const before = await keyIdsOf();
    expect(before.size).toBe(1);
    await service.stopApp();
    let replaced: TestService | undefined;
    try {
      replaced = await startTestService(notificationsService, NotificationsConfig, {
        databaseUrl: service.databaseUrl,
        messaging: service.messaging,
        env: { LIAISON_SECRET_KEY: KEY_B, LIAISON_SECRET_KEY_PREVIOUS: KEY_A, WEBHOOK_ALLOWED_HOSTS: '127.0.0.1', DELIVERY_POLL_MS: '200' },
      });
      const after = await keyIdsOf();
      expect(after.size).toBe(1);
      expect([...after][0]).not.toBe([...before][0]);
      const delivery = await deliveryAt('/legacy');
      expect(delivery.headers['webhook-signature'].split(' ')).toHaveLength(2);
      expect(verifiesWith(delivery, clear)).toBe(true);
      expect(verifiesWith(delivery, old)).toBe(true);
    } finally {
      await replaced?.stopApp();
    }
    // the first instance's key alone no longer opens them: it would refuse to start (see SecretBox.open)
  });

  it('refuses to start in production without a key, naming the variable and how to make one', () => {
    const env = { DATABASE_URL: 'postgres://127.0.0.1/liaison_test', AUTH_JWT_SECRET: 'x'.repeat(32), NODE_ENV: 'production' };
    expect(() => loadConfig(NotificationsConfig, env)).toThrow(/LIAISON_SECRET_KEY must be set .*openssl rand -base64 32/);
    expect(() => loadConfig(NotificationsConfig, { ...env, LIAISON_SECRET_KEY: 'too-short' })).toThrow(/LIAISON_SECRET_KEY/);
    expect(loadConfig(NotificationsConfig, { ...env, LIAISON_SECRET_KEY: KEY_A }).secretKey).toBe(KEY_A);
    // outside production, the development key stands in (and the log says so)
    expect(() => loadConfig(NotificationsConfig, { ...env, NODE_ENV: 'development' })).not.toThrow();
  });
});
