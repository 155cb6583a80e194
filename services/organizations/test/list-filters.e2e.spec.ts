import { ADMIN, RunningOrganizations, startTestOrganizations } from './harness';

// Real: Postgres and NATS. Lists filter by their fields (API.md "Lists"), with the text of a
// name filter taken literally.
describe('registry lists filter by their fields', () => {
  let service: RunningOrganizations;
  let token: string;
  const auth = () => ({ Authorization: `Bearer ${token}` });
  let au: { id: string };
  let sudanDesk: { id: string };

  beforeAll(async () => {
    service = await startTestOrganizations('list_filters');
    token = await service.token(ADMIN.email, ADMIN.password);
    au = (await service.http.post('/api/v1/organizations').set(auth()).send({ acronym: 'AU', name: 'African Union', kind: 'regional', region: 'africa', chapterVIII: true }).expect(201)).body;
    await service.http.post('/api/v1/organizations').set(auth()).send({ acronym: 'OSCE', name: 'Organization for Security and Co-operation in Europe', kind: 'regional', region: 'europe', chapterVIII: true }).expect(201);
    await service.http.post('/api/v1/organizations').set(auth()).send({ acronym: 'CSO', name: '100% Civil Society', kind: 'other', region: 'global', chapterVIII: false }).expect(201);
    sudanDesk = (await service.http.post('/api/v1/desks').set(auth()).send({ organizationId: au.id, name: 'Sudan and South Sudan', countries: ['SD', 'SS'] }).expect(201)).body;
    await service.http.post('/api/v1/desks').set(auth()).send({ organizationId: au.id, name: 'Sahel', countries: ['ML'] }).expect(201);
    await service.http.post('/api/v1/officers').set(auth()).send({ organizationId: au.id, deskId: sudanDesk.id, email: 'amina@au.example.org', name: 'Amina Diallo' }).expect(201);
    await service.http.post('/api/v1/officers').set(auth()).send({ organizationId: au.id, email: 'kofi@au.example.org', name: 'Kofi Mensah' }).expect(201);
  });
  afterAll(() => service.stop());

  const names = (body: { items: Array<{ acronym?: string; name: string }> }) => body.items.map((item) => item.acronym ?? item.name).sort();

  it('finds organizations by acronym (any case), by part of their name, and by Chapter VIII', async () => {
    expect(names((await service.http.get('/api/v1/organizations?acronym=un').set(auth()).expect(200)).body)).toEqual(['UN']);
    expect(names((await service.http.get('/api/v1/organizations?name=union').set(auth()).expect(200)).body)).toEqual(['AU']);
    expect(names((await service.http.get('/api/v1/organizations?chapterVIII=false').set(auth()).expect(200)).body)).toEqual(['CSO', 'UN']);
    // a % in the text is a percent sign, not a wildcard
    expect(names((await service.http.get('/api/v1/organizations?name=100%25').set(auth()).expect(200)).body)).toEqual(['CSO']);
    expect((await service.http.get('/api/v1/organizations?name=%25').set(auth()).expect(200)).body.items).toHaveLength(1);
  });

  it('finds desks by organization and by name, officers by desk and by name', async () => {
    expect(names((await service.http.get(`/api/v1/desks?organizationId=${au.id}`).set(auth()).expect(200)).body)).toEqual(['Sahel', 'Sudan and South Sudan']);
    expect(names((await service.http.get('/api/v1/desks?name=SUDAN').set(auth()).expect(200)).body)).toEqual(['Sudan and South Sudan']);
    expect(names((await service.http.get(`/api/v1/officers?deskId=${sudanDesk.id}`).set(auth()).expect(200)).body)).toEqual(['Amina Diallo']);
    expect(names((await service.http.get('/api/v1/officers?name=mensah').set(auth()).expect(200)).body)).toEqual(['Kofi Mensah']);
  });

  it('refuses a malformed filter with the field named', async () => {
    const { body } = await service.http.get('/api/v1/organizations?acronym=%3Cscript%3E').set(auth()).expect(400);
    expect(body.errors).toEqual([expect.objectContaining({ field: 'acronym' })]);
    const empty = await service.http.get('/api/v1/desks?name=').set(auth()).expect(400);
    expect(empty.body.errors).toEqual([expect.objectContaining({ field: 'name' })]);
  });
});
