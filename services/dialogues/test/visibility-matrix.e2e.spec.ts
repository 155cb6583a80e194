import { CLASSIFICATIONS, Classification } from '@liaison/contracts';
import { registerVisibilityCast, Viewer, visibilityCases } from '@liaison/testing';
import { auth, Officer, Organization, RunningDialogues, startTestDialogues } from './harness';

// Real: Postgres and NATS of this file's own. Every classified resource (brief, dialogue and its
// recommendation, initiative) is created at every level by an AU officer, with the same audience
// (the UN as organization, one EU officer by name); each kind of viewer reads it by id, in lists,
// in full-text search and in counts.
// The expectations are the visibility cast's table (@liaison/testing), written by hand from ARCHITECTURE.md.

describe('who may see what, on every read', () => {
  let service: RunningDialogues;
  let au: Organization, un: Organization, eu: Organization, osce: Organization;
  let audience: { organizations: string[]; officers: string[] };
  let viewers: Record<Viewer, Officer>;
  const briefs = {} as Record<Classification, string>;
  const dialogues = {} as Record<Classification, string>;
  const recommendations = {} as Record<Classification, string>;
  const initiatives = {} as Record<Classification, string>;

  beforeAll(async () => {
    service = await startTestDialogues('visibility', async (registry) => {
      ({ au, un, eu, osce, viewers, audience } = await registerVisibilityCast(registry));
    });
    await service.known([au.id, un.id, eu.id, osce.id], Object.values(viewers).map((v) => v.id));
    const author = viewers['the author'];
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

  it.each(visibilityCases)('%s, %s: visible = %s', async (level, who, visible) => {
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
