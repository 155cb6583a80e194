import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { ADMIN, RunningOrganizations, startTestOrganizations } from './harness';

/** Idempotency-Keys expire, survive a crashed request, and never keep a token or a secret. */
describe('Idempotency-Key records', () => {
  let service: RunningOrganizations;
  let database: Client;
  let unAdmin: string;
  let adminId: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const organization = (acronym: string) => ({ acronym, name: `${acronym} organization`, kind: 'regional', region: 'africa' });
  const kept = async (key: string) => (await database.query(`SELECT status_code, response FROM idempotency_keys WHERE key = $1`, [key])).rows[0];

  beforeAll(async () => {
    service = await startTestOrganizations('idempotency');
    database = new Client({ connectionString: service.databaseUrl });
    await database.connect();
    unAdmin = await service.token(ADMIN.email, ADMIN.password);
    adminId = JSON.parse(Buffer.from(unAdmin.split('.')[1], 'base64url').toString()).sub;
  });

  afterAll(async () => {
    await database.end();
    await service.stop();
  });

  it('keeps no access token: a repeated login is answered without it', async () => {
    const first = await service.http.post('/api/v1/auth/token').set('Idempotency-Key', 'login-1').send(ADMIN).expect(200);
    expect(first.body.accessToken).toEqual(expect.any(String));
    const record = await kept('login-1');
    expect(record.status_code).toBe(200);
    expect(JSON.stringify(record.response)).not.toContain(first.body.accessToken);
    expect(record.response).not.toHaveProperty('accessToken');
    const again = await service.http.post('/api/v1/auth/token').set('Idempotency-Key', 'login-1').send(ADMIN).expect(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).not.toHaveProperty('accessToken');
  });

  it('lets a key whose request crashed be retried once its lease is over; a live one is still a 409', async () => {
    await database.query(
      `INSERT INTO idempotency_keys (caller, key, request_hash, created_at) VALUES ($1, 'crashed', 'a request that never answered', now() - interval '2 minutes'),
                                                                               ($1, 'running', $2, now())`,
      [adminId, createHash('sha256').update(`POST /api/v1/organizations\n${JSON.stringify(organization('RUN'))}`).digest('hex')],
    );
    const retried = await service.http.post('/api/v1/organizations').set(auth(unAdmin)).set('Idempotency-Key', 'crashed').send(organization('CRA')).expect(201);
    expect((await kept('crashed')).response).toMatchObject({ id: retried.body.id });
    const busy = await service.http.post('/api/v1/organizations').set(auth(unAdmin)).set('Idempotency-Key', 'running').send(organization('RUN'));
    expect(busy.status).toBe(409);
    expect(busy.body.code).toBe('idempotency-key-in-flight');
  });

  it('frees a key after 24 hours: the same key with another body is a new request, not a 409', async () => {
    await database.query(
      `INSERT INTO idempotency_keys (caller, key, request_hash, status_code, response, created_at)
       VALUES ($1, 'yesterday', 'another request', 201, '{"id":"from yesterday"}', now() - interval '25 hours'),
              ($1, 'this-morning', 'another request', 201, '{"id":"from this morning"}', now() - interval '3 hours')`,
      [adminId],
    );
    const fresh = await service.http.post('/api/v1/organizations').set(auth(unAdmin)).set('Idempotency-Key', 'yesterday').send(organization('YST')).expect(201);
    expect(fresh.headers['idempotent-replayed']).toBeUndefined();
    expect(fresh.body.acronym).toBe('YST');
    await service.http.post('/api/v1/organizations').set(auth(unAdmin)).set('Idempotency-Key', 'this-morning').send(organization('MRN')).expect(409);
  });
});
