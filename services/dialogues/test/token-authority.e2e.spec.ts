import { Client } from 'pg';
import { auth, Officer, Organization, RunningDialogues, startTestDialogues } from './harness';

// Real: Postgres and NATS of this file's own; the organizations events are published on the
// stream as the organizations service does. A token is honoured only while the registry read
// model says its officer is active in its organization with its roles: leaving, a move or a
// lost role bites within a second of the event, not at the token's expiry.
describe('authority from the registry on every request', () => {
  let service: RunningDialogues;
  let database: Client;
  let un: Organization, au: Organization, eu: Organization;
  let author: Officer, leaver: Officer, mover: Officer, auAdmin: Officer;
  let amberBrief: string;

  beforeAll(async () => {
    service = await startTestDialogues('token_authority', async (registry) => {
      un = await registry.organization('UN', 'united-nations', 'global');
      au = await registry.organization('AU');
      eu = await registry.organization('EU', 'regional', 'europe');
      author = await registry.officer(au);
      leaver = await registry.officer(au);
      mover = await registry.officer(au);
      auAdmin = await registry.officer(au, { roles: ['officer', 'admin'] });
    });
    await service.known([un.id, au.id, eu.id], [author.id, leaver.id, mover.id, auAdmin.id]);
    database = new Client({ connectionString: service.databaseUrl });
    await database.connect();
    amberBrief = (
      await service.http.post('/api/v1/briefs').set(auth(author)).send({ title: 'Sahel: AU and UN only', body: 'Text', classification: 'amber', audience: { organizations: [un.id] } }).expect(201)
    ).body.id;
  });

  afterAll(async () => {
    await database.end();
    await service.stop();
  });

  /** Publishes a registry change, then how long until the old token gets a 401 on `path` (ms). */
  async function refusedAfter(change: () => Promise<unknown>, token: Officer, path: string): Promise<{ ms: number; body: Record<string, unknown>; type: string }> {
    await service.http.get(`/api/v1${path}`).set(auth(token)).expect(200);
    const start = Date.now();
    await change();
    for (;;) {
      const response = await service.http.get(`/api/v1${path}`).set(auth(token));
      if (response.status === 401) return { ms: Date.now() - start, body: response.body, type: response.headers['content-type'] };
      expect(response.status).toBe(200);
      if (Date.now() - start > 10_000) throw new Error(`the token of ${token.id} was still honoured 10 s after the change`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  it('an officer who left: 401 on the next request within a second, saying why', async () => {
    const refused = await refusedAfter(() => service.registry.officerLeft(leaver, 2), leaver, '/briefs');
    expect(refused.ms).toBeLessThan(1000);
    expect(refused.type).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ status: 401, detail: expect.stringMatching(/no longer holds: its officer has left/) });
  });

  it('an officer moved to EU: the AU token stops, and the EU one cannot read AU amber records', async () => {
    await service.http.get(`/api/v1/briefs/${amberBrief}`).set(auth(mover)).expect(200);
    let moved!: Officer;
    const refused = await refusedAfter(async () => (moved = await service.registry.officerUpdated(mover, 2, { organization: eu })), mover, `/briefs/${amberBrief}`);
    expect(refused.ms).toBeLessThan(1000);
    expect(refused.body.detail).toMatch(/another organization/);
    expect((await service.http.get(`/api/v1/briefs/${amberBrief}`).set(auth(moved))).status).toBe(404);
    const listed = await service.http.get('/api/v1/briefs').set(auth(moved)).expect(200);
    expect(listed.body.items.map((b: { id: string }) => b.id)).not.toContain(amberBrief);
  });

  it("an admin demoted loses the admin's rights at once: the admin token is refused, and writes nothing", async () => {
    const brief = (await service.http.post('/api/v1/briefs').set(auth(author)).send({ title: 'To withdraw', body: 'Text', classification: 'green' }).expect(201)).body.id;
    let demoted!: Officer;
    const refused = await refusedAfter(async () => (demoted = await service.registry.officerUpdated(auAdmin, 2, { roles: ['officer'] })), auAdmin, '/briefs');
    expect(refused.ms).toBeLessThan(1000);
    expect(refused.body.detail).toMatch(/no longer holds the role admin/);
    const before = (await database.query('SELECT (SELECT count(*) FROM outbox)::int AS outbox, (SELECT count(*) FROM briefs WHERE withdrawn_at IS NOT NULL)::int AS withdrawn')).rows[0];
    expect((await service.http.post(`/api/v1/briefs/${brief}/withdraw`).set(auth(auAdmin)).send({})).status).toBe(401);
    // a fresh token of the officer's current roles is honoured, and the rule refuses the admin's write
    expect((await service.http.post(`/api/v1/briefs/${brief}/withdraw`).set(auth(demoted)).send({})).status).toBe(403);
    const after = (await database.query('SELECT (SELECT count(*) FROM outbox)::int AS outbox, (SELECT count(*) FROM briefs WHERE withdrawn_at IS NOT NULL)::int AS withdrawn')).rows[0];
    expect(after).toEqual(before);
  });

  it('an officer still in good standing is unaffected', async () => {
    await service.http.get(`/api/v1/briefs/${amberBrief}`).set(auth(author)).expect(200);
  });
});
