import { ADMIN, RunningOrganizations, startTestOrganizations } from './harness';

// Real: the organizations service on Postgres and NATS of this file's own. The UN organization
// always keeps an active administrator: no demotion or leaving takes away the last one, not even
// two at once.
describe('the UN organization keeps an active administrator', () => {
  let service: RunningOrganizations;
  let unAdmin: string;
  let unId: string;
  let adminId: string;
  const password = 'a long enough password';

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const demote = (token: string, id: string) => service.http.patch(`/api/v1/officers/${id}`).set(auth(token)).send({ roles: ['officer'] });
  const unAdmins = async (token: string) =>
    (await service.http.get('/api/v1/officers').query({ organizationId: unId, role: 'admin' }).set(auth(token)).expect(200)).body.items as Array<{ id: string }>;

  async function register(organizationId: string, email: string, roles: string[]): Promise<{ id: string; token: () => Promise<string> }> {
    const { body } = await service.http.post('/api/v1/officers').set(auth(unAdmin)).send({ organizationId, email, name: email, roles, password }).expect(201);
    return { id: body.id, token: () => service.token(email, password) };
  }

  beforeAll(async () => {
    service = await startTestOrganizations('un_administrators');
    unAdmin = await service.token(ADMIN.email, ADMIN.password);
    unId = (await service.http.get('/api/v1/organizations?kind=united-nations').set(auth(unAdmin)).expect(200)).body.items[0].id;
    [{ id: adminId }] = await unAdmins(unAdmin);
  });
  afterAll(() => service.stop());

  it('refuses to demote the last UN admin, or to record that they left: 409 last-un-admin naming the field', async () => {
    const demoted = await demote(unAdmin, adminId).expect(409);
    expect(demoted.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(demoted.body).toMatchObject({ status: 409, code: 'last-un-admin', errors: [{ field: 'roles', code: 'lastUnAdmin' }] });
    const left = await service.http.post(`/api/v1/officers/${adminId}/leave`).set(auth(unAdmin)).expect(409);
    expect(left.body).toMatchObject({ code: 'last-un-admin', errors: [{ field: 'id', code: 'lastUnAdmin' }] });

    const { body: admin } = await service.http.get(`/api/v1/officers/${adminId}`).set(auth(unAdmin)).expect(200);
    expect(admin).toMatchObject({ roles: ['admin', 'officer'], leftAt: null, version: 1 });
    // other changes to the last admin are still made
    await service.http.patch(`/api/v1/officers/${adminId}`).set(auth(unAdmin)).send({ roles: ['officer', 'admin'], language: 'fr' }).expect(200);
  });

  it('lets another organization\'s last admin go: the rule is the UN\'s', async () => {
    const auId = (await service.http.post('/api/v1/organizations').set(auth(unAdmin)).send({ acronym: 'AU', name: 'African Union', kind: 'regional', region: 'africa' }).expect(201)).body.id;
    const auAdmin = await register(auId, 'admin@au.example.org', ['admin', 'officer']);
    await demote(unAdmin, auAdmin.id).expect(200);
    await service.http.post(`/api/v1/officers/${auAdmin.id}/leave`).set(auth(unAdmin)).expect(200);
  });

  it('lets a UN admin go while another remains, then keeps that one', async () => {
    const second = await register(unId, 'second.admin@un.example.org', ['admin', 'officer']);
    await demote(unAdmin, adminId).expect(200);
    const secondToken = await second.token();
    expect((await demote(secondToken, second.id).expect(409)).body.code).toBe('last-un-admin');
    expect((await service.http.post(`/api/v1/officers/${second.id}/leave`).set(auth(secondToken)).expect(409)).body.code).toBe('last-un-admin');
    expect(await unAdmins(secondToken)).toEqual([expect.objectContaining({ id: second.id })]);

    // the first admin back, for the next test
    await service.http.patch(`/api/v1/officers/${adminId}`).set(auth(secondToken)).send({ roles: ['admin', 'officer'] }).expect(200);
  });

  it('keeps one when the last two step down at the same time', async () => {
    const fresh = await service.token(ADMIN.email, ADMIN.password);
    const admins = (await unAdmins(fresh)).map((admin) => admin.id);
    expect(admins).toHaveLength(2);
    const emails = await Promise.all(admins.map(async (id) => (await service.http.get(`/api/v1/officers/${id}`).set(auth(fresh))).body.email as string));
    for (let round = 0; round < 3; round++) {
      const tokens = await Promise.all(emails.map((email) => service.token(email, email === ADMIN.email ? ADMIN.password : password)));
      // each steps down itself, so neither request is refused at the door for the other's change
      const statuses = (await Promise.all(admins.map((id, index) => demote(tokens[index], id)))).map((answer) => answer.status);
      expect([...statuses].sort()).toEqual([200, 409]);
      const stayed = statuses.indexOf(409);
      expect(await unAdmins(tokens[stayed])).toEqual([expect.objectContaining({ id: admins[stayed] })]);
      await service.http.patch(`/api/v1/officers/${admins[1 - stayed]}`).set(auth(tokens[stayed])).send({ roles: ['admin', 'officer'] }).expect(200);
    }
  });
});
