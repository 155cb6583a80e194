// Real: Postgres and NATS JetStream; the training service started as in production, its registry
// read model kept from organizations events published on the test's own stream.
import { auth, type Officer, type Organization, type RunningTraining, settled, startTestTraining } from './harness';

/**
 * An officer enrols in a session open to the AU, then moves to the EU. The registry decides at
 * once: the AU's admins no longer administer them, so they neither read nor withdraw that
 * enrolment, and the EU's admins get no enrolment made for a session the EU may not see. The
 * officer keeps their own, and the organizers theirs.
 */
describe("an enrolment after its officer moved to another organization", () => {
  let training: RunningTraining;
  let un: Organization, au: Organization, eu: Organization;
  let organizer: Officer, auAdmin: Officer, euAdmin: Officer, stayer: Officer, mover: Officer;
  let sessionId: string, moverEnrolment: string, stayerEnrolment: string;

  const ids = async (who: Officer, query = '') =>
    (await training.http.get(`/api/v1/enrolments${query}`).set(auth(who)).expect(200)).body.items.map((e: { id: string }) => e.id);

  beforeAll(async () => {
    training = await startTestTraining('training_moved_officer', async (registry) => {
      un = await registry.organization('UN', 'united-nations', 'global');
      au = await registry.organization('AU');
      eu = await registry.organization('EU', 'regional', 'europe');
      organizer = await registry.officer(un);
      auAdmin = await registry.officer(au, { roles: ['officer', 'admin'] });
      euAdmin = await registry.officer(eu, { roles: ['officer', 'admin'] });
      stayer = await registry.officer(au);
      mover = await registry.officer(au);
    });
    await training.known([un.id, au.id, eu.id], [organizer.id, auAdmin.id, euAdmin.id, stayer.id, mover.id]);
    const { http } = training;
    const course = await http.post('/api/v1/courses').set(auth(organizer)).send({ title: 'Mediation support', topic: 'mediation' }).expect(201);
    const startsAt = Date.now() + 20 * 86_400_000;
    sessionId = (
      await http
        .post('/api/v1/sessions')
        .set(auth(organizer))
        .send({ courseId: course.body.id, startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + 86_400_000).toISOString(), seats: 5, audience: { organizations: [au.id] } })
        .expect(201)
    ).body.id;
    moverEnrolment = (await http.post('/api/v1/enrolments').set(auth(mover)).send({ sessionId }).expect(201)).body.id;
    stayerEnrolment = (await http.post('/api/v1/enrolments').set(auth(stayer)).send({ sessionId }).expect(201)).body.id;
    // while both are AU officers, the AU's admin reads both
    expect((await ids(auAdmin)).sort()).toEqual([moverEnrolment, stayerEnrolment].sort());
    await http.get(`/api/v1/enrolments/${moverEnrolment}`).set(auth(auAdmin)).expect(200);

    mover = await training.registry.officerUpdated(mover, 2, { organization: eu });
    await settled(async () => expect(await training.http.get(`/api/v1/enrolments/${moverEnrolment}`).set(auth(mover))).toMatchObject({ status: 200 }));
  });

  afterAll(() => training?.stop());

  it("the former organization's admin reads it no more: not listed, not filtered by officer, a 404 by id", async () => {
    expect(await ids(auAdmin)).toEqual([stayerEnrolment]);
    expect(await ids(auAdmin, `?officerId=${mover.id}`)).toEqual([]);
    expect(await ids(auAdmin, `?sessionId=${sessionId}`)).toEqual([stayerEnrolment]);
    await training.http.get(`/api/v1/enrolments/${moverEnrolment}`).set(auth(auAdmin)).expect(404);
  });

  it('nor withdraws it (404, nothing written)', async () => {
    const response = await training.http.post(`/api/v1/enrolments/${moverEnrolment}/withdraw`).set(auth(auAdmin)).send({ reason: 'not ours' }).expect(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const { body } = await training.http.get(`/api/v1/enrolments/${moverEnrolment}`).set(auth(mover)).expect(200);
    expect(body).toMatchObject({ status: 'confirmed', version: 1 });
  });

  it("the new organization's admin does not get an enrolment in a session hidden from the EU", async () => {
    await training.http.get(`/api/v1/sessions/${sessionId}`).set(auth(euAdmin)).expect(404);
    expect(await ids(euAdmin)).toEqual([]);
    await training.http.get(`/api/v1/enrolments/${moverEnrolment}`).set(auth(euAdmin)).expect(404);
  });

  it('the officer keeps their own, the organizers theirs, and the admin their officers who stayed', async () => {
    expect(await ids(mover)).toEqual([moverEnrolment]);
    expect((await ids(organizer, `?sessionId=${sessionId}`)).sort()).toEqual([moverEnrolment, stayerEnrolment].sort());
    await training.http.get(`/api/v1/enrolments/${stayerEnrolment}`).set(auth(auAdmin)).expect(200);
  });
});
