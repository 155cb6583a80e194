import { CLASSIFICATIONS, Classification } from '@liaison/contracts';
import { registerVisibilityCast, Viewer, visibilityCases } from '@liaison/testing';
import { auth, eventually, Officer, Organization, RunningCapacityBuilding, startTestCapacityBuilding } from './harness';

// Real: Postgres and NATS of this file's own. A programme (with a milestone) at every level,
// launched by an AU officer with the AU as partner and the same audience (the UN as organization,
// one EU officer by name); each kind of viewer reads it by id, in lists (with and without filters),
// its milestones and its followers.
// The expectations are the visibility cast's table (@liaison/testing), written by hand from ARCHITECTURE.md.

describe('who may see what: programmes and milestones', () => {
  let service: RunningCapacityBuilding;
  let au: Organization, un: Organization, eu: Organization, osce: Organization;
  let audience: { organizations: string[]; officers: string[] };
  let viewers: Record<Viewer, Officer>;
  const programmes = {} as Record<Classification, string>;
  const milestones = {} as Record<Classification, string>;

  beforeAll(async () => {
    service = await startTestCapacityBuilding('cb_visibility', async (registry) => {
      ({ au, un, eu, osce, viewers, audience } = await registerVisibilityCast(registry));
    });
    await service.known([au.id, un.id, eu.id, osce.id], Object.values(viewers).map((v) => v.id));
    const author = viewers['the author'];
    for (const classification of CLASSIFICATIONS) {
      programmes[classification] = (await service.http.post('/api/v1/programmes').set(auth(author)).send({
        title: `AU mediation capacities (${classification})`, partnerOrganizationId: au.id, scope: 'mediation', focusAreas: ['mediation'], classification, audience,
      }).expect(201)).body.id;
      milestones[classification] = (await service.http.post('/api/v1/milestones').set(auth(author)).send({
        programmeId: programmes[classification], title: `Roster (${classification})`, dueOn: '2020-01-01',
      }).expect(201)).body.id;
    }
  });

  afterAll(() => service.stop());

  it.each(visibilityCases)('%s: %s sees it: %s', async (level, who, sees) => {
    const viewer = viewers[who];
    const id = programmes[level];
    await service.http.get(`/api/v1/programmes/${id}`).set(auth(viewer)).expect(sees ? 200 : 404);
    await service.http.get(`/api/v1/programmes/${id}/followers`).set(auth(viewer)).expect(sees ? 200 : 404);
    await service.http.get(`/api/v1/milestones/${milestones[level]}`).set(auth(viewer)).expect(sees ? 200 : 404);

    const programmeIds = async (query: string) => (await service.http.get(`/api/v1/programmes?${query}`).set(auth(viewer)).expect(200)).body.items.map((p: { id: string }) => p.id);
    expect((await programmeIds('limit=200')).includes(id)).toBe(sees);
    expect((await programmeIds(`partnerOrganizationId=${au.id}&focusArea=mediation&status=active`)).includes(id)).toBe(sees);
    const { body: ofProgramme } = await service.http.get(`/api/v1/milestones?programmeId=${id}`).set(auth(viewer)).expect(200);
    expect(ofProgramme.items.map((m: { id: string }) => m.id)).toEqual(sees ? [milestones[level]] : []);
  });

  it('lists are whole pages of what the caller may see, in order, with nothing else', async () => {
    const other = viewers['an officer of another partner organization'];
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const { body }: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await service.http
        .get(`/api/v1/programmes?limit=1${cursor ? `&cursor=${cursor}` : ''}`)
        .set(auth(other))
        .expect(200);
      expect(body.items.length).toBeLessThanOrEqual(1);
      seen.push(...body.items.map((p) => p.id));
      cursor = body.nextCursor;
    } while (cursor);
    // newest first: green was launched after clear
    expect(seen).toEqual([programmes.green, programmes.clear]);
  });

  it('an amber programme is shared with its partner and the UN without naming them', async () => {
    const { body } = await service.http.post('/api/v1/programmes').set(auth(viewers['an officer of the audience organization'])).send({
      title: 'UN-launched, amber', partnerOrganizationId: au.id, scope: 'comprehensive', classification: 'amber',
    }).expect(201);
    expect(body.audience.organizations).toEqual([au.id]);
    await service.http.get(`/api/v1/programmes/${body.id}`).set(auth(viewers['an officer of the origin organization'])).expect(200);
    await service.http.get(`/api/v1/programmes/${body.id}`).set(auth(viewers['an officer of another partner organization'])).expect(404);
  });

  it('the origin raises a programme to amber-strict: programme.reclassified, and the partner no longer sees it or its milestones', async () => {
    const un = viewers['an officer of the audience organization'];
    const partner = viewers['an officer of the origin organization'];
    const { body: launched } = await service.http.post('/api/v1/programmes').set(auth(un)).send({
      title: 'UN-launched, then restricted', partnerOrganizationId: au.id, scope: 'mediation', classification: 'amber',
    }).expect(201);
    const { body: milestone } = await service.http.post('/api/v1/milestones').set(auth(partner)).send({ programmeId: launched.id, title: 'Roster', dueOn: '2030-01-01' }).expect(201);
    // only the origin changes who may see it
    await service.http.patch(`/api/v1/programmes/${launched.id}`).set(auth(partner)).send({ classification: 'green' }).expect(403);
    const { body: raised } = await service.http.patch(`/api/v1/programmes/${launched.id}`).set(auth(un)).send({ classification: 'amber-strict' }).expect(200);
    expect(raised).toMatchObject({ classification: 'amber-strict', audience: { organizations: [], officers: [] }, version: 2 });

    const [reclassified] = await eventually(
      async () => (await service.events('liaison.capacity-building.programme.reclassified')).filter((m) => m.event.subject === launched.id),
      1,
    );
    expect(reclassified.event).toMatchObject({ classification: 'amber-strict', sequence: '2' });
    expect((reclassified.event as any).data).toMatchObject({ programmeId: launched.id, previousClassification: 'amber', reclassifiedBy: un.id, originOrganizationId: un.organizationId });
    expect(JSON.stringify(reclassified.event)).not.toContain('UN-launched, then restricted');

    await service.http.get(`/api/v1/programmes/${launched.id}`).set(auth(partner)).expect(404);
    await service.http.get(`/api/v1/milestones/${milestone.id}`).set(auth(partner)).expect(404);
    await service.http.post(`/api/v1/milestones/${milestone.id}/complete`).set(auth(partner)).send({ completedOn: '2026-01-01' }).expect(404);
    await service.http.get(`/api/v1/programmes/${launched.id}`).set(auth(un)).expect(200);
  });
});
