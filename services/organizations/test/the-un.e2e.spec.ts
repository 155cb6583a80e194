import { ADMIN, RunningOrganizations, startTestOrganizations } from './harness';

// Real: the organizations service on Postgres and NATS of this file's own. Who counts as the UN
// (its administrators, its place in every programme) follows the kind `united-nations`, so the UN
// organization of the first start stays the only one of that kind, under its own acronym.
describe('the UN organization stays the one UN', () => {
  let service: RunningOrganizations;
  let unAdmin: string;
  let unId: string;
  let auId: string;

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const unOrganizations = async () =>
    (await service.http.get('/api/v1/organizations?kind=united-nations').set(auth(unAdmin)).expect(200)).body.items as Array<{ id: string; acronym: string }>;

  beforeAll(async () => {
    service = await startTestOrganizations('the_un');
    unAdmin = await service.token(ADMIN.email, ADMIN.password);
    [{ id: unId }] = await unOrganizations();
    auId = (await service.http.post('/api/v1/organizations').set(auth(unAdmin)).send({ acronym: 'AU', name: 'African Union', kind: 'regional', region: 'africa' }).expect(201)).body.id;
  });
  afterAll(() => service.stop());

  it('registers no second organization of kind united-nations: 409 naming kind', async () => {
    const refused = await service.http
      .post('/api/v1/organizations')
      .set(auth(unAdmin))
      .send({ acronym: 'UNDP', name: 'United Nations Development Programme', kind: 'united-nations', region: 'global' })
      .expect(409);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ status: 409, code: 'united-nations-reserved', errors: [{ field: 'kind', code: 'reservedForUn' }] });
    expect(await unOrganizations()).toEqual([expect.objectContaining({ id: unId, acronym: 'UN' })]);
  });

  it('makes no other organization of kind united-nations: 409 naming kind, nothing changed', async () => {
    const refused = await service.http.patch(`/api/v1/organizations/${auId}`).set(auth(unAdmin)).send({ kind: 'united-nations', name: 'Renamed' }).expect(409);
    expect(refused.body).toMatchObject({ code: 'united-nations-reserved', errors: [{ field: 'kind' }] });
    const { body: au } = await service.http.get(`/api/v1/organizations/${auId}`).set(auth(unAdmin)).expect(200);
    expect(au).toMatchObject({ kind: 'regional', name: 'African Union', version: 1 });
  });

  it('keeps the UN organization\'s kind and acronym: 409 naming each field changed', async () => {
    const kind = await service.http.patch(`/api/v1/organizations/${unId}`).set(auth(unAdmin)).send({ kind: 'other' }).expect(409);
    expect(kind.body).toMatchObject({ status: 409, code: 'un-organization-fixed', errors: [{ field: 'kind', code: 'unchangeable' }] });
    const acronym = await service.http.patch(`/api/v1/organizations/${unId}`).set(auth(unAdmin)).send({ acronym: 'DPPA' }).expect(409);
    expect(acronym.body).toMatchObject({ code: 'un-organization-fixed', errors: [{ field: 'acronym', code: 'unchangeable' }] });
    const both = await service.http.patch(`/api/v1/organizations/${unId}`).set(auth(unAdmin)).send({ kind: 'regional', acronym: 'un' }).expect(409);
    expect(both.body.errors.map((error: { field: string }) => error.field)).toEqual(['kind', 'acronym']);

    // its other fields change, and restating its kind and acronym is no change
    const { body: un } = await service.http
      .patch(`/api/v1/organizations/${unId}`)
      .set(auth(unAdmin))
      .send({ kind: 'united-nations', acronym: 'UN', name: 'United Nations (DPPA)' })
      .expect(200);
    expect(un).toMatchObject({ kind: 'united-nations', acronym: 'UN', name: 'United Nations (DPPA)' });
    // and its administrators are still the UN's
    await service.http.post('/api/v1/organizations').set(auth(unAdmin)).send({ acronym: 'EU', name: 'European Union', kind: 'regional', region: 'europe' }).expect(201);
  });
});
