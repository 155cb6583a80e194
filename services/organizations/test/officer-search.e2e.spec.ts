import { ADMIN, RunningOrganizations, startTestOrganizations } from './harness';

// Real: Postgres and NATS. `GET /officers?q=` is the pickers' search: part of the name, or part of
// the e-mail address among the officers whose address the caller may read (a UN officer:
// everyone's; anyone else, admins too: their own organization's). Outside that, an address matches
// nothing, so a search cannot confirm whose address it is.
describe('officers found by part of the name or of the e-mail address', () => {
  let service: RunningOrganizations;
  let unAdmin: string;
  let auReader: string;
  let euReader: string;
  let unReader: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const password = 'a long enough password';
  const search = async (token: string, q: string) =>
    (await service.http.get('/api/v1/officers').query({ q }).set(auth(token)).expect(200)).body.items as Array<{ name: string; email?: string }>;
  const names = (items: Array<{ name: string }>) => items.map((officer) => officer.name).sort();

  beforeAll(async () => {
    service = await startTestOrganizations('officer_search');
    unAdmin = await service.token(ADMIN.email, ADMIN.password);
    const organization = async (acronym: string, region: string) =>
      (await service.http.post('/api/v1/organizations').set(auth(unAdmin)).send({ acronym, name: `${acronym} organization`, kind: 'regional', region }).expect(201)).body.id as string;
    const un = (await service.http.get('/api/v1/organizations?acronym=UN').set(auth(unAdmin)).expect(200)).body.items[0].id as string;
    const au = await organization('AU', 'africa');
    const eu = await organization('EU', 'europe');
    const officer = (organizationId: string, email: string, name: string) =>
      service.http.post('/api/v1/officers').set(auth(unAdmin)).send({ organizationId, email, name, password }).expect(201);
    await officer(au, 'kwame.mensah@au.example.org', 'Kwame Mensah');
    await officer(au, 'e.vorontsova@au.example.org', 'Екатерина Воронцова');
    await officer(au, 'sam_lee@au.example.org', 'Sam Lee');
    await officer(au, 'samxlee@au.example.org', 'Samantha Xu');
    await officer(eu, 'omar.haddad@eu.example.org', 'Omar Haddad');
    await officer(un, 'amina.diallo@un.example.org', 'Amina Diallo');
    auReader = await service.token('kwame.mensah@au.example.org', password);
    euReader = await service.token('omar.haddad@eu.example.org', password);
    unReader = await service.token('amina.diallo@un.example.org', password);
  });
  afterAll(() => service.stop());

  it('finds an officer by part of the e-mail address, whatever its case, as well as by part of the name', async () => {
    expect(await search(auReader, 'VORONTSOVA@AU')).toEqual([expect.objectContaining({ name: 'Екатерина Воронцова', email: 'e.vorontsova@au.example.org' })]);
    expect(names(await search(auReader, 'mensah'))).toEqual(['Kwame Mensah']);
    // `name` keeps matching the name only
    expect((await service.http.get('/api/v1/officers').query({ name: 'vorontsova' }).set(auth(auReader)).expect(200)).body.items).toEqual([]);
    // UN officers, admins or not, read every address, so they find by any of them
    expect(names(await search(unAdmin, 'e.Vorontsova'))).toEqual(['Екатерина Воронцова']);
    expect(names(await search(unReader, 'vorontsova@'))).toEqual(['Екатерина Воронцова']);
    expect(names(await search(unReader, 'eu.example.org'))).toEqual(['Omar Haddad']);
  });

  it('takes a typed wildcard literally', async () => {
    // unescaped, `_` would be any one character and match samxlee@ (and every address); `%` everything
    expect(names(await search(auReader, 'sam_lee'))).toEqual(['Sam Lee']);
    expect(names(await search(unAdmin, '_'))).toEqual(['Sam Lee']);
    expect(await search(unAdmin, '%')).toEqual([]);
    expect(await search(unAdmin, '\\')).toEqual([]);
    expect(names(await search(unAdmin, 'sam%lee'))).toEqual([]);
  });

  it("matches no address the caller may not read: another organization's officer is not found by it", async () => {
    // the EU officer may not read AU addresses: the address finds no one, whole or in part
    expect(await search(euReader, 'e.vorontsova@au.example.org')).toEqual([]);
    expect(await search(euReader, 'vorontsova')).toEqual([]);
    expect(await search(euReader, 'au.example.org')).toEqual([]);
    expect(await search(euReader, 'sam_lee')).toEqual([]);
    // ... while the same search by an AU officer, who may, finds her
    expect(names(await search(auReader, 'e.vorontsova@au.example.org'))).toEqual(['Екатерина Воронцова']);
    // the EU officer still finds AU officers by name, without their addresses, and their own colleagues by address
    const byName = await search(euReader, 'kwame');
    expect(names(byName)).toEqual(['Kwame Mensah']);
    expect(byName[0]).not.toHaveProperty('email');
    expect(await search(euReader, 'haddad@eu')).toEqual([expect.objectContaining({ name: 'Omar Haddad', email: 'omar.haddad@eu.example.org' })]);
    // nor can the AU officer probe EU or UN addresses
    expect(await search(auReader, 'omar.haddad@')).toEqual([]);
    expect(await search(auReader, 'amina.diallo@un')).toEqual([]);
  });

  it('refuses an over-long, empty or repeated q with 400 problem details naming it', async () => {
    const tooLong = await service.http.get('/api/v1/officers').query({ q: 'a'.repeat(201) }).set(auth(auReader)).expect(400);
    expect(tooLong.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(tooLong.body.errors).toEqual([expect.objectContaining({ field: 'q' })]);
    expect((await service.http.get('/api/v1/officers').query({ q: 'a'.repeat(200) }).set(auth(auReader)).expect(200)).body.items).toEqual([]);
    expect((await service.http.get('/api/v1/officers?q=').set(auth(auReader)).expect(400)).body.errors).toEqual([expect.objectContaining({ field: 'q' })]);
    const repeated = (await service.http.get('/api/v1/officers?q=a&q=b').set(auth(auReader)).expect(400)).body.errors as Array<{ field: string }>;
    expect(new Set(repeated.map((error) => error.field))).toEqual(new Set(['q']));
  });
});
