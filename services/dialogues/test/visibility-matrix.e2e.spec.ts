import { CLASSIFICATIONS, Classification } from '@liaison/contracts';
import { auth, Officer, Organization, RunningDialogues, startTestDialogues } from './harness';

// Real: Postgres and NATS of this file's own. Every classified resource (brief, dialogue and its
// recommendation, initiative) is created at every level by an AU officer, with the same audience
// (the UN as organization, one EU officer by name); each kind of viewer reads it by id, in lists,
// in full-text search and in counts. The expectations are written out by hand from the table in
// ARCHITECTURE.md ("Who may see what"), not computed with libs/auth.

type Who = 'the author' | 'an officer of the origin organization' | 'an officer of the audience organization'
  | 'an officer of another partner organization' | 'the named officer' | 'another officer';

const SEES: Record<Classification, Record<Who, boolean>> = {
  clear: { 'the author': true, 'an officer of the origin organization': true, 'an officer of the audience organization': true, 'an officer of another partner organization': true, 'the named officer': true, 'another officer': true },
  green: { 'the author': true, 'an officer of the origin organization': true, 'an officer of the audience organization': true, 'an officer of another partner organization': true, 'the named officer': true, 'another officer': true },
  amber: { 'the author': true, 'an officer of the origin organization': true, 'an officer of the audience organization': true, 'an officer of another partner organization': false, 'the named officer': false, 'another officer': false },
  'amber-strict': { 'the author': true, 'an officer of the origin organization': true, 'an officer of the audience organization': false, 'an officer of another partner organization': false, 'the named officer': false, 'another officer': false },
  red: { 'the author': true, 'an officer of the origin organization': false, 'an officer of the audience organization': false, 'an officer of another partner organization': false, 'the named officer': true, 'another officer': false },
};

const cases = CLASSIFICATIONS.flatMap((level) => (Object.keys(SEES[level]) as Who[]).map((who) => [level, who, SEES[level][who]] as const));

describe('who may see what, on every read', () => {
  let service: RunningDialogues;
  let au: Organization, un: Organization, eu: Organization, osce: Organization;
  const viewers = {} as Record<Who, Officer>;
  const briefs = {} as Record<Classification, string>;
  const dialogues = {} as Record<Classification, string>;
  const recommendations = {} as Record<Classification, string>;
  const initiatives = {} as Record<Classification, string>;

  beforeAll(async () => {
    service = await startTestDialogues('visibility', async (registry) => {
      au = await registry.organization('AU');
      un = await registry.organization('UN', 'united-nations', 'global');
      eu = await registry.organization('EU', 'regional', 'europe');
      osce = await registry.organization('OSCE', 'regional', 'europe');
      viewers['the author'] = await registry.officer(au);
      viewers['an officer of the origin organization'] = await registry.officer(au);
      viewers['an officer of the audience organization'] = await registry.officer(un);
      viewers['an officer of another partner organization'] = await registry.officer(eu);
      viewers['the named officer'] = await registry.officer(eu);
      viewers['another officer'] = await registry.officer(osce);
    });
    await service.known([au.id, un.id, eu.id, osce.id], Object.values(viewers).map((v) => v.id));
    const author = viewers['the author'];
    const audience = { organizations: [un.id], officers: [viewers['the named officer'].id] };
    for (const classification of CLASSIFICATIONS) {
      briefs[classification] = (await service.http.post('/api/v1/briefs').set(auth(author)).send({
        title: `Ceasefire monitoring in the Sahel (${classification})`, body: 'Observers report violations of the ceasefire.', countries: ['ML'], classification, audience,
      }).expect(201)).body.id;
      dialogues[classification] = (await service.http.post('/api/v1/dialogues').set(auth(author)).send({
        kind: 'desk-to-desk', title: `AU desk-to-desk (${classification})`, participants: [au.id], startsAt: '2026-10-01T09:00:00Z', classification, audience,
      }).expect(201)).body.id;
      recommendations[classification] = (await service.http.post('/api/v1/recommendations').set(auth(author)).send({
        dialogueId: dialogues[classification], text: `Recommendation (${classification})`, owners: [au.id], dueOn: '2020-01-01',
      }).expect(201)).body.id;
      initiatives[classification] = (await service.http.post('/api/v1/initiatives').set(auth(author)).send({
        title: `AU initiative (${classification})`, leadOrganizationId: au.id, countries: ['ML'], classification, audience,
      }).expect(201)).body.id;
    }
  });
  afterAll(() => service.stop());

  const ids = async (viewer: Officer, path: string) =>
    (await service.http.get(`/api/v1${path}`).set(auth(viewer)).expect(200)).body.items.map((item: { id: string }) => item.id) as string[];

  it.each(cases)('%s, %s: visible = %s', async (level, who, visible) => {
    const viewer = viewers[who];
    const status = visible ? 200 : 404;
    const inList = (list: string[], id: string) => expect(list.includes(id)).toBe(visible);

    // briefs: get, list, full-text search
    await service.http.get(`/api/v1/briefs/${briefs[level]}`).set(auth(viewer)).expect(status);
    inList(await ids(viewer, '/briefs?country=ML'), briefs[level]);
    inList(await ids(viewer, '/briefs?q=ceasefires'), briefs[level]);

    // dialogues, and their recommendations (which follow their dialogue)
    await service.http.get(`/api/v1/dialogues/${dialogues[level]}`).set(auth(viewer)).expect(status);
    inList(await ids(viewer, '/dialogues?kind=desk-to-desk'), dialogues[level]);
    await service.http.get(`/api/v1/recommendations/${recommendations[level]}`).set(auth(viewer)).expect(status);
    inList(await ids(viewer, `/recommendations?owner=${au.id}`), recommendations[level]);
    inList(await ids(viewer, '/recommendations?overdue=true'), recommendations[level]);
    const { body: counts } = await service.http.get(`/api/v1/recommendations/counts?dialogueId=${dialogues[level]}`).set(auth(viewer)).expect(200);
    expect(counts).toMatchObject({ total: visible ? 1 : 0, overdue: visible ? 1 : 0, proposed: visible ? 1 : 0 });

    // initiatives
    await service.http.get(`/api/v1/initiatives/${initiatives[level]}`).set(auth(viewer)).expect(status);
    inList(await ids(viewer, '/initiatives?country=ML'), initiatives[level]);
  });

  it('pages are full and totals honest: the unseen are filtered before LIMIT', async () => {
    const other = viewers['another officer'];
    // another officer sees clear and green only, whatever the page size
    const { body: first } = await service.http.get('/api/v1/briefs?country=ML&limit=1').set(auth(other)).expect(200);
    expect(first.items).toHaveLength(1);
    const { body: second } = await service.http.get(`/api/v1/briefs?country=ML&limit=1&cursor=${first.nextCursor}`).set(auth(other)).expect(200);
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect([first.items[0].id, second.items[0].id].sort()).toEqual([briefs.clear, briefs.green].sort());
    const { body: counts } = await service.http.get(`/api/v1/recommendations/counts?owner=${au.id}`).set(auth(other)).expect(200);
    expect(counts.total).toBe(2);
  });

  it('writes on what the caller may not see are 404 too, never 403', async () => {
    const other = viewers['another officer'];
    await service.http.post(`/api/v1/dialogues/${dialogues.red}/cancel`).set(auth(other)).expect(404);
    await service.http.post(`/api/v1/recommendations/${recommendations.amber}/status`).set(auth(other)).send({ status: 'agreed' }).expect(404);
    await service.http.post(`/api/v1/briefs/${briefs['amber-strict']}/withdraw`).set(auth(other)).expect(404);
    await service.http.patch(`/api/v1/initiatives/${initiatives.red}`).set(auth(other)).send({ status: 'concluded' }).expect(404);
  });
});
