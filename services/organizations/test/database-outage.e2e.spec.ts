import { Client } from 'pg';
import { testDatabaseAdminUrl } from '@liaison/testing';
import { ADMIN, RunningOrganizations, startTestOrganizations } from './harness';

// Real: the service's own Postgres database is taken away (no new connections, the open ones
// ended) and given back, as in a database restart.
describe('while its database is out of reach, a service answers 503 with Retry-After, then recovers', () => {
  let service: RunningOrganizations;
  let token: string;
  let admin: Client;
  let database: string;
  const auth = () => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    service = await startTestOrganizations('db_outage');
    token = await service.token(ADMIN.email, ADMIN.password);
    database = new URL(service.databaseUrl).pathname.slice(1);
    admin = new Client({ connectionString: testDatabaseAdminUrl() });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.query(`ALTER DATABASE "${database}" WITH ALLOW_CONNECTIONS true`);
    await admin.end();
    await service.stop();
  });

  it('refuses reads and writes with 503 problem details during the outage, writes nothing, and serves again after', async () => {
    await admin.query(`ALTER DATABASE "${database}" WITH ALLOW_CONNECTIONS false`);
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [database]);

    for (const attempt of [0, 1]) {
      const read = await service.http.get('/api/v1/organizations').set(auth());
      expect([attempt, read.status]).toEqual([attempt, 503]);
      expect(read.headers['content-type']).toContain('application/problem+json');
      expect(read.headers['retry-after']).toBe('5');
      expect(read.body).toMatchObject({ status: 503, title: 'Service Unavailable' });
    }
    const write = await service.http
      .post('/api/v1/organizations')
      .set(auth())
      .send({ acronym: 'OAS', name: 'Organization of American States', kind: 'regional', region: 'americas' });
    expect(write.status).toBe(503);
    expect((await service.http.get('/health/ready')).status).toBe(503);

    await admin.query(`ALTER DATABASE "${database}" WITH ALLOW_CONNECTIONS true`);
    const list = await service.http.get('/api/v1/organizations').set(auth()).expect(200);
    expect(list.body.items.map((o: { acronym: string }) => o.acronym)).toEqual(['UN']);
    await service.http.get('/health/ready').expect(200);
  });
});
