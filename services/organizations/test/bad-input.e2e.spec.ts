import { execFile } from 'node:child_process';
import { Agent, request as httpRequest, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { SignJWT } from 'jose';
import { eventually } from '@liaison/testing';
import { ADMIN, JWT_SECRET, RunningOrganizations, startTestOrganizations } from './harness';

/**
 * Every refused write gets the right status and problem details naming the field, and leaves
 * nothing behind: no row, no audit entry, no event.
 */
describe('bad input and forbidden writes', () => {
  let service: RunningOrganizations;
  let unAdmin: string;
  let auAdmin: string;
  let auOfficer: string;
  let auId: string;
  let euId: string;
  let database: Client;

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  async function footprint() {
    const { rows } = await database.query(`
      SELECT (SELECT count(*) FROM organizations)::int AS organizations,
             (SELECT count(*) FROM desks)::int AS desks,
             (SELECT count(*) FROM officers)::int AS officers,
             (SELECT count(*) FROM outbox)::int AS outbox,
             (SELECT count(*) FROM audit_log)::int AS audit`);
    return { ...rows[0], stream: (await service.events()).length };
  }

  beforeAll(async () => {
    service = await startTestOrganizations('bad_input');
    database = new Client({ connectionString: service.databaseUrl });
    await database.connect();
    unAdmin = await service.token(ADMIN.email, ADMIN.password);
    auId = (await service.http.post('/api/v1/organizations').set(auth(unAdmin)).send({ acronym: 'AU', name: 'African Union', kind: 'regional', region: 'africa' }).expect(201)).body.id;
    euId = (await service.http.post('/api/v1/organizations').set(auth(unAdmin)).send({ acronym: 'EU', name: 'European Union', kind: 'regional', region: 'europe' }).expect(201)).body.id;
    await service.http.post('/api/v1/officers').set(auth(unAdmin)).send({ organizationId: auId, email: 'admin@au.int', name: 'AU admin', roles: ['admin'], password: 'au-admin-password-1' }).expect(201);
    await service.http.post('/api/v1/officers').set(auth(unAdmin)).send({ organizationId: auId, email: 'officer@au.int', name: 'AU officer', password: 'au-officer-password' }).expect(201);
    auAdmin = await service.token('admin@au.int', 'au-admin-password-1');
    auOfficer = await service.token('officer@au.int', 'au-officer-password');
    // everything above has reached the stream before the cases start counting
    const written = (await database.query('SELECT count(*)::int AS n FROM outbox')).rows[0].n;
    await eventually(service.events, written);
  });

  afterAll(async () => {
    await database.end();
    await service.stop();
  });

  const valid = { acronym: 'OAS', name: 'Organization of American States', kind: 'regional', region: 'americas' };

  const cases: Array<{
    name: string;
    send: () => Promise<{ status: number; body: Record<string, unknown>; headers: Record<string, string> }>;
    status: number;
    fields?: string[];
  }> = [
    { name: 'a missing required field', send: () => post('/organizations', unAdmin, { ...valid, name: undefined }), status: 400, fields: ['name'] },
    { name: 'an unknown field', send: () => post('/organizations', unAdmin, { ...valid, colour: 'blue' }), status: 400, fields: ['colour'] },
    { name: 'a wrong type', send: () => post('/organizations', unAdmin, { ...valid, chapterVIII: 'yes' }), status: 400, fields: ['chapterVIII'] },
    { name: 'a value outside the vocabulary', send: () => post('/organizations', unAdmin, { ...valid, region: 'atlantis' }), status: 400, fields: ['region'] },
    { name: 'a country that is not ISO 3166-1', send: () => post('/organizations', unAdmin, { ...valid, memberStates: ['XX'] }), status: 400, fields: ['memberStates'] },
    { name: 'a nested wrong type', send: () => post('/desks', auAdmin, { organizationId: auId, name: 'D', themes: [42] }), status: 400, fields: ['themes'] },
    { name: 'a body that is not JSON', send: () => raw('/organizations', unAdmin, '{"acronym": "OAS",'), status: 400 },
    { name: 'an oversized body', send: () => post('/organizations', unAdmin, { ...valid, name: 'x'.repeat(300_000) }), status: 413 },
    { name: 'a bad id in the path', send: () => patch('/organizations/not-a-uuid', unAdmin, { name: 'x' }), status: 400, fields: ['id'] },
    { name: 'an id that is not registered', send: () => patch('/organizations/0190c2a4-0000-7000-8000-000000000000', unAdmin, { name: 'x' }), status: 404 },
    // null skipped every rule of a change (@IsOptional) and met the NOT NULL column: a 500
    { name: 'a change naming no name (null)', send: () => patch(`/organizations/${auId}`, unAdmin, { name: null }), status: 400, fields: ['name'] },
    { name: 'a change naming no kind (null)', send: () => patch(`/organizations/${auId}`, unAdmin, { kind: null }), status: 400, fields: ['kind'] },
    { name: 'a reference to an unknown organization', send: () => post('/officers', unAdmin, { organizationId: '0190c2a4-0000-7000-8000-000000000000', email: 'x@y.org', name: 'X' }), status: 400, fields: ['organizationId'] },
    { name: 'no token', send: () => post('/organizations', undefined, valid), status: 401 },
    { name: 'a token signed with another secret', send: async () => post('/organizations', await forged('another-secret-another-secret-another'), valid), status: 401 },
    { name: 'an expired token', send: async () => post('/organizations', await forged(JWT_SECRET, -60), valid), status: 401 },
    { name: 'a malformed token', send: () => post('/organizations', 'not.a.jwt', valid), status: 401 },
    { name: 'an officer registering an organization', send: () => post('/organizations', auOfficer, valid), status: 403 },
    { name: 'another organization\'s admin registering an organization', send: () => post('/organizations', auAdmin, valid), status: 403 },
    { name: 'another organization\'s admin opening a desk', send: () => post('/desks', auAdmin, { organizationId: euId, name: 'EU desk' }), status: 403 },
    { name: 'another organization\'s admin registering an officer', send: () => post('/officers', auAdmin, { organizationId: euId, email: 'eu@eu.eu', name: 'EU officer' }), status: 403 },
    { name: 'a wrong password', send: () => post('/auth/token', undefined, { email: ADMIN.email, password: 'wrong password' }), status: 401 },
  ];

  it.each(cases)('refuses $name with $status and problem details, writing nothing', async ({ send, status, fields }) => {
    const before = await footprint();
    const response = await send();
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status, title: expect.any(String), type: expect.any(String), detail: expect.any(String) });
    if (fields) {
      const named = (response.body.errors as Array<{ field: string }>).map((e) => e.field.split('.')[0]);
      expect(named).toEqual(expect.arrayContaining(fields));
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await footprint()).toEqual(before);
  });

  // Refused before it is read: a client still sending gets the answer, not a reset connection.
  // The client is another process, as a partner system is: in this one the server would read
  // only when the client pauses.
  it('answers bodies far over the limit with 413 and problem details, however fast they are refused', async () => {
    const before = await footprint();
    const client = `
      const [origin, token] = process.argv.slice(1);
      const body = JSON.stringify({ acronym: 'OAS', name: 'x'.repeat(3_000_000), kind: 'regional', region: 'americas' });
      (async () => {
        const answers = [];
        for (let i = 0; i < 20; i++) {
          try {
            const response = await fetch(origin + '/api/v1/organizations', { method: 'POST', headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json' }, body });
            await response.text();
            answers.push({ status: response.status, type: response.headers.get('content-type') });
          } catch (error) {
            answers.push({ error: String(error.cause?.code ?? error.message) });
          }
        }
        console.log(JSON.stringify(answers));
      })();`;
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', client, service.origin, unAdmin]);
    expect(JSON.parse(stdout)).toEqual(Array(20).fill({ status: 413, type: expect.stringContaining('application/problem+json') }));
    expect(await footprint()).toEqual(before);
  });

  it('holds nothing per refused body on a connection a partner keeps alive across many of them', async () => {
    const server = service.app.getHttpServer() as Server;
    const connections: Socket[] = [];
    const track = (socket: Socket) => connections.push(socket);
    server.on('connection', track);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const body = JSON.stringify({ ...valid, name: 'x'.repeat(300_000) });
    const send = () =>
      new Promise<number>((resolve, reject) => {
        const headers = { authorization: `Bearer ${unAdmin}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
        const sent = httpRequest(`${service.origin}/api/v1/organizations`, { method: 'POST', agent, headers }, (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode!));
        });
        sent.on('error', reject);
        sent.end(body);
      });
    try {
      for (let i = 0; i < 15; i++) expect(await send()).toBe(413);
      expect(connections).toHaveLength(1);
      // the server's own few, not one more for every refused body
      expect(connections[0].listenerCount('close')).toBeLessThan(5);
    } finally {
      server.off('connection', track);
      agent.destroy();
    }
  });

  async function forged(secret: string, expiresInSeconds = 300): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const un = (await database.query(`SELECT id FROM organizations WHERE acronym = 'UN'`)).rows[0].id;
    const officer = (await database.query(`SELECT id FROM officers WHERE email = $1`, [ADMIN.email])).rows[0].id;
    return new SignJWT({ org: un, roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(officer)
      .setIssuedAt(now - 600)
      .setExpirationTime(now + expiresInSeconds)
      .sign(new TextEncoder().encode(secret));
  }

  function post(path: string, token: string | undefined, body: Record<string, unknown>) {
    const call = service.http.post(`/api/v1${path}`);
    if (token) call.set(auth(token));
    return call.send(body) as never;
  }

  function patch(path: string, token: string, body: Record<string, unknown>) {
    return service.http.patch(`/api/v1${path}`).set(auth(token)).send(body) as never;
  }

  function raw(path: string, token: string, body: string) {
    return service.http.post(`/api/v1${path}`).set(auth(token)).set('Content-Type', 'application/json').send(body) as never;
  }
});
