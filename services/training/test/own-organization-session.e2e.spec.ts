// Real: Postgres and NATS JetStream; the training service started as in production, its registry
// read model kept from organizations events published on the test's own stream.
import { auth, type Officer, type Organization, type RunningTraining, startTestTraining } from './harness';

/**
 * A session open only to its organizer's own officers (an internal course): it was refused with
 * "amber needs an organization besides the origin". It is the origin organization's alone, as
 * TLP:AMBER+STRICT says: its officers see it and enrol, no other organization sees it.
 */
describe("a session open only to its organizer's own organization", () => {
  let training: RunningTraining;
  let un: Organization, au: Organization;
  let organizer: Officer, colleague: Officer, outsider: Officer;
  let sessionId: string;

  beforeAll(async () => {
    training = await startTestTraining('training_own_organization', async (registry) => {
      un = await registry.organization('UN', 'united-nations', 'global');
      au = await registry.organization('AU');
      organizer = await registry.officer(un);
      colleague = await registry.officer(un);
      outsider = await registry.officer(au);
    });
    await training.known([un.id, au.id], [organizer.id, colleague.id, outsider.id]);
    const course = await training.http.post('/api/v1/courses').set(auth(organizer)).send({ title: 'Drafting political briefs', topic: 'mediation' }).expect(201);
    const startsAt = Date.now() + 20 * 86_400_000;
    const scheduled = await training.http
      .post('/api/v1/sessions')
      .set(auth(organizer))
      .send({ courseId: course.body.id, startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + 86_400_000).toISOString(), seats: 10, audience: { organizations: [un.id] } });
    expect(scheduled.status).toBe(201);
    expect(scheduled.body).toMatchObject({ classification: 'amber-strict', audience: { organizations: [un.id] } });
    sessionId = scheduled.body.id;
  });

  afterAll(() => training?.stop());

  it('its own officers see it and enrol', async () => {
    await training.http.get(`/api/v1/sessions/${sessionId}`).set(auth(colleague)).expect(200);
    const enrolled = await training.http.post('/api/v1/enrolments').set(auth(colleague)).send({ sessionId }).expect(201);
    expect(enrolled.body.status).toBe('confirmed');
  });

  it('another organization neither sees it nor enrols', async () => {
    await training.http.get(`/api/v1/sessions/${sessionId}`).set(auth(outsider)).expect(404);
    const listed = await training.http.get('/api/v1/sessions').set(auth(outsider)).expect(200);
    expect(listed.body.items.map((s: { id: string }) => s.id)).not.toContain(sessionId);
    const refused = await training.http.post('/api/v1/enrolments').set(auth(outsider)).send({ sessionId });
    expect(refused.status).toBe(404);
    expect(refused.headers['content-type']).toContain('application/problem+json');
  });
});
