import { Client } from 'pg';
import { ADMIN, RunningOrganizations, startTestOrganizations } from './harness';

// Real: the organizations service on Postgres and NATS of this file's own. Its officers table is
// the registry, so a change there decides the very next request: a demoted admin creates no
// officers, an officer who left is refused, both with problem details saying why.
describe('authority from the registry: the organizations service', () => {
  let service: RunningOrganizations;
  let database: Client;
  let unAdmin: string;
  let auId: string;
  const password = 'a long enough password';

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const officerCount = async () => (await database.query('SELECT count(*)::int AS n FROM officers')).rows[0].n as number;

  async function register(roles: string[]): Promise<{ id: string; token: string }> {
    const email = `officer-${Math.random().toString(36).slice(2)}@au.example.org`;
    const { body } = await service.http.post('/api/v1/officers').set(auth(unAdmin)).send({ organizationId: auId, email, name: 'AU officer', roles, password }).expect(201);
    return { id: body.id, token: await service.token(email, password) };
  }

  beforeAll(async () => {
    service = await startTestOrganizations('token_authority');
    database = new Client({ connectionString: service.databaseUrl });
    await database.connect();
    unAdmin = await service.token(ADMIN.email, ADMIN.password);
    auId = (await service.http.post('/api/v1/organizations').set(auth(unAdmin)).send({ acronym: 'AU', name: 'African Union', kind: 'regional', region: 'africa' }).expect(201)).body.id;
  });

  afterAll(async () => {
    await database.end();
    await service.stop();
  });

  it('an admin demoted creates no officers with the admin token it still holds: 401 saying why, nothing written', async () => {
    const auAdmin = await register(['officer', 'admin']);
    await service.http.post('/api/v1/officers').set(auth(auAdmin.token)).send({ organizationId: auId, email: 'first@au.example.org', name: 'First' }).expect(201);

    await service.http.patch(`/api/v1/officers/${auAdmin.id}`).set(auth(unAdmin)).send({ roles: ['officer'] }).expect(200);
    // past the guard's short reuse of a standing read, well within a second
    await new Promise((resolve) => setTimeout(resolve, 600));
    const before = await officerCount();
    const refused = await service.http.post('/api/v1/officers').set(auth(auAdmin.token)).send({ organizationId: auId, email: 'second@au.example.org', name: 'Second' });
    expect(refused.status).toBe(401);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.detail).toMatch(/no longer holds the role admin/);
    expect(await officerCount()).toBe(before);

    // a new token carries the roles the registry grants now, and is honoured as an officer's
    const officerToken = await service.token((await service.http.get(`/api/v1/officers/${auAdmin.id}`).set(auth(unAdmin))).body.email, password);
    await service.http.get('/api/v1/organizations').set(auth(officerToken)).expect(200);
    expect((await service.http.post('/api/v1/officers').set(auth(officerToken)).send({ organizationId: auId, email: 'third@au.example.org', name: 'Third' })).status).toBe(403);
  });

  it('an officer who left is refused on the next request within a second', async () => {
    const leaver = await register(['officer']);
    await service.http.get('/api/v1/organizations').set(auth(leaver.token)).expect(200);
    await service.http.post(`/api/v1/officers/${leaver.id}/leave`).set(auth(unAdmin)).expect(200);
    await new Promise((resolve) => setTimeout(resolve, 600));
    const refused = await service.http.get('/api/v1/organizations').set(auth(leaver.token));
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toMatch(/has left/);
  });
});
