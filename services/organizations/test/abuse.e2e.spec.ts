import { Client } from 'pg';
import { startTestService, type TestService } from '@liaison/testing';
import { OrganizationsConfig } from '../src/config';
import { organizationsService } from '../src/organizations.module';
import { ADMIN } from './harness';

/**
 * What a mistyped client, a forged link or a login flood does to the registry: a clear 4xx and
 * no harm to anyone else. The service sits behind a proxy at 127.0.0.1 (TRUSTED_PROXIES), so the
 * client address is the X-Forwarded-For the proxy sends.
 */
describe('hard to abuse', () => {
  let service: TestService;
  let database: Client;
  let unAdmin: string;
  let auId: string;
  let euId: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const fromClient = (address: string) => ({ 'X-Forwarded-For': address });
  const login = (client: string, email: string, password: string) =>
    service.http.post('/api/v1/auth/token').set(fromClient(client)).send({ email, password });
  const token = async (email: string, password: string) => (await login('198.51.100.1', email, password).expect(200)).body.accessToken as string;
  const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  beforeAll(async () => {
    service = await startTestService(organizationsService, OrganizationsConfig, {
      label: 'abuse',
      env: { LIAISON_ADMIN_EMAIL: ADMIN.email, LIAISON_ADMIN_PASSWORD: ADMIN.password, TRUSTED_PROXIES: '127.0.0.1,::1' },
    });
    database = new Client({ connectionString: service.databaseUrl });
    await database.connect();
    unAdmin = await token(ADMIN.email, ADMIN.password);
    const organization = (acronym: string, region: string) =>
      service.http.post('/api/v1/organizations').set(auth(unAdmin)).send({ acronym, name: `${acronym} organization`, kind: 'regional', region }).expect(201);
    auId = (await organization('AU', 'africa')).body.id;
    euId = (await organization('EU', 'europe')).body.id;
    const officer = (organizationId: string, email: string, roles = ['officer']) =>
      service.http.post('/api/v1/officers').set(auth(unAdmin)).send({ organizationId, email, name: email.split('@')[0], roles, password: 'a long enough password' }).expect(201);
    await officer(auId, 'officer@au.int');
    await officer(auId, 'admin@au.int', ['admin']);
    await officer(euId, 'officer@eu.eu');
    await officer(euId, 'other@eu.eu');
  });

  afterAll(async () => {
    await database.end();
    await service.stop();
  });

  it('answers a forged cursor with 400 on `cursor`, whatever it decodes to', async () => {
    const forged = [
      cursor({ createdAt: '+275760-09-13T00:00:00.000Z', id: '6f1c2b1e-0000-4000-8000-000000000000' }),
      cursor({ createdAt: '-271821-04-20T00:00:00.000Z', id: '6f1c2b1e-0000-4000-8000-000000000000' }),
      cursor({ createdAt: '2026-01-01T00:00:00.000Z', id: '------------------------------------' }),
      cursor({ createdAt: 'tomorrow', id: 1 }),
      cursor([1, 2]),
      'not base64 at all!',
    ];
    for (const value of forged) {
      const answer = await service.http.get('/api/v1/organizations').query({ cursor: value }).set(auth(unAdmin));
      expect({ value, status: answer.status }).toEqual({ value, status: 400 });
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
    }
  });

  it('refuses a body nested too deep or with a huge array with 400, and writes nothing', async () => {
    const before = (await database.query('SELECT count(*)::int AS n FROM organizations')).rows[0].n;
    const deep = '{"acronym":"X","name":"X","kind":"regional","region":"africa","website":' + '['.repeat(5000) + ']'.repeat(5000) + '}';
    const nested = await service.http.post('/api/v1/organizations').set(auth(unAdmin)).set('Content-Type', 'application/json').send(deep);
    expect(nested.status).toBe(400);
    expect(nested.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(nested.body.errors[0].field).toMatch(/^website/);
    const huge = await service.http.post('/api/v1/organizations').set(auth(unAdmin)).send({ acronym: 'X', name: 'X', kind: 'regional', region: 'africa', memberStates: Array(5000).fill('SD') });
    expect(huge.status).toBe(400);
    expect(huge.body.errors).toEqual([expect.objectContaining({ field: 'memberStates' })]);
    expect((await database.query('SELECT count(*)::int AS n FROM organizations')).rows[0].n).toBe(before);
  });

  it('limits login tries per client behind the proxy: one flooding client is refused, others log in', async () => {
    for (let i = 0; i < 10; i++) await login('203.0.113.7', `nobody${i}@example.org`, 'wrong password').expect(401);
    const refused = await login('203.0.113.7', ADMIN.email, ADMIN.password);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    await login('203.0.113.8', ADMIN.email, ADMIN.password).expect(200);
  });

  it('backs off an account under attack from many clients, and lets its owner in again shortly after', async () => {
    for (let i = 0; i < 5; i++) await login(`192.0.2.${i + 1}`, 'officer@au.int', 'a guess').expect(401);
    const blocked = await login('192.0.2.100', 'officer@au.int', 'a long enough password');
    expect(blocked.status).toBe(429);
    expect(blocked.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // other accounts are not held back
    await login('192.0.2.100', 'officer@eu.eu', 'a long enough password').expect(200);
    await new Promise((resolve) => setTimeout(resolve, 1100 * Number(blocked.headers['retry-after'])));
    await login('192.0.2.100', 'officer@au.int', 'a long enough password').expect(200);
    // a success clears the account's failures
    expect((await database.query(`SELECT count(*)::int AS n FROM login_failures WHERE account = 'officer@au.int'`)).rows[0].n).toBe(0);
  });

  it('backs off an account for all its spellings: varying the case buys an attacker no further tries', async () => {
    const password = 'a long enough password';
    const igadId = (await service.http.post('/api/v1/organizations').set(auth(unAdmin)).send({ acronym: 'IGAD', name: 'IGAD', kind: 'subregional', region: 'africa' }).expect(201)).body.id;
    await service.http.post('/api/v1/officers').set(auth(unAdmin)).send({ organizationId: igadId, email: 'Idris.Ibrahim@IGAD.int', name: 'Idris Ibrahim', password }).expect(201);
    const spellings = ['IDRIS.IBRAHIM@IGAD.INT', 'Idris.Ibrahim@igad.int', 'idris.ibrahim@Igad.Int', 'iDRIS.iBRAHIM@igad.INT', 'idris.ibrahim@igad.int'];
    for (const [i, email] of spellings.entries()) await login(`198.51.100.${i + 20}`, email, 'a guess').expect(401);
    expect((await database.query(`SELECT account, failures FROM login_failures WHERE account ILIKE '%ibrahim%'`)).rows).toEqual([
      { account: 'idris.ibrahim@igad.int', failures: 5 },
    ]);
    expect((await login('198.51.100.30', 'IDRIS.Ibrahim@igad.int', password)).status).toBe(429);
    // Postgres lower-cases the dotted capital İ (U+0130) to i, JavaScript to i + U+0307: a spelling
    // the registry would store otherwise is another account, which signs no one in
    for (const [i, email] of ['İdris.İbrahim@igad.int', 'idrİs.ibrahİm@İGAD.İNT'].entries()) {
      const answer = await login(`198.51.100.${i + 31}`, email, password);
      expect({ email, status: answer.status }).toEqual({ email, status: 401 });
    }
    // surrounding whitespace is no address at all: refused before it is a try
    await login('198.51.100.33', ' idris.ibrahim@igad.int ', password).expect(400);
  });

  it("shows officers of other organizations by name and desk, not by e-mail address, even to another organization's admin; the UN sees them", async () => {
    const euOfficer = await token('officer@eu.eu', 'a long enough password');
    const listed = (await service.http.get('/api/v1/officers').query({ limit: 200 }).set(auth(euOfficer)).expect(200)).body.items;
    const au = listed.filter((officer: { organizationId: string }) => officer.organizationId === auId);
    expect(au.length).toBe(2);
    for (const officer of au) expect(officer).not.toHaveProperty('email');
    expect(listed.find((officer: { name: string }) => officer.name === 'other')).toMatchObject({ email: 'other@eu.eu' });
    const auOfficerId = au[0].id;
    expect((await service.http.get(`/api/v1/officers/${auOfficerId}`).set(auth(euOfficer)).expect(200)).body).not.toHaveProperty('email');
    // the e-mail filter cannot probe another organization's addresses
    expect((await service.http.get('/api/v1/officers').query({ email: 'officer@au.int' }).set(auth(euOfficer)).expect(200)).body.items).toEqual([]);

    const auAdmin = await token('admin@au.int', 'a long enough password');
    // an AU admin manages the AU's officers, not the EU's: their addresses are not the admin's to read
    const byAdmin = (await service.http.get('/api/v1/officers').query({ organizationId: euId }).set(auth(auAdmin)).expect(200)).body.items;
    expect(byAdmin.map((officer: { name: string }) => officer.name).sort()).toEqual(['officer', 'other']);
    for (const officer of byAdmin) expect(officer).not.toHaveProperty('email');
    expect((await service.http.get('/api/v1/officers').query({ email: 'officer@eu.eu' }).set(auth(auAdmin)).expect(200)).body.items).toEqual([]);
    const ownByAdmin = (await service.http.get('/api/v1/officers').query({ organizationId: auId }).set(auth(auAdmin)).expect(200)).body.items;
    expect(ownByAdmin.every((officer: { email?: string }) => officer.email?.endsWith('@au.int'))).toBe(true);
    expect((await service.http.get(`/api/v1/officers/${auOfficerId}`).set(auth(unAdmin)).expect(200)).body.email).toMatch(/@au\.int$/);
  });

  it('starts again when LIAISON_ADMIN_EMAIL belongs to an admin since demoted, without restoring the role', async () => {
    await database.query(`UPDATE officers SET roles = '{officer}' WHERE lower(email) = lower($1)`, [ADMIN.email]);
    await service.stopApp();
    await service.startApp();
    await service.http.get('/health/ready').expect(200);
    const { rows } = await database.query(`SELECT roles FROM officers WHERE lower(email) = lower($1)`, [ADMIN.email]);
    expect(rows).toEqual([{ roles: ['officer'] }]);
  });
});
