// Real: Postgres and NATS JetStream; the training service started as in production, its registry
// read model built from organizations events published on the test's own stream.
import { auth, moveSession, type Officer, type Organization, type RunningTraining, seenEvents, settled, startTestTraining } from './harness';

/**
 * The founding document: "DPPA regularly runs joint training programmes for staff of regional
 * organizations and of the UN on conflict prevention and mediation." A UN–AU–ECOWAS mediation
 * course, end to end through the HTTP API.
 */
describe('a joint UN–AU–ECOWAS mediation course', () => {
  let training: RunningTraining;
  let un: Organization, au: Organization, ecowas: Organization, sadc: Organization;
  let unTrainer: Officer, auTrainer: Officer;
  const trainees: Officer[] = [];
  let ecowasAdmin: Officer, ecowasColleague: Officer, sadcOfficer: Officer;

  beforeAll(async () => {
    training = await startTestTraining('training_course', async (registry) => {
      un = await registry.organization('UN', 'united-nations', 'global', 'United Nations');
      au = await registry.organization('AU', 'regional', 'africa', 'African Union');
      ecowas = await registry.organization('ECOWAS', 'subregional', 'africa', 'Economic Community of West African States');
      sadc = await registry.organization('SADC', 'subregional', 'africa', 'Southern African Development Community');
      unTrainer = await registry.officer(un, { name: 'Amina Diallo' });
      auTrainer = await registry.officer(au, { name: 'Kwame Mensah' });
      trainees.push(await registry.officer(au, { name: 'Fatou Sow' }));
      trainees.push(await registry.officer(ecowas, { name: 'Ibrahim Keita' }));
      trainees.push(await registry.officer(ecowas, { name: 'Ngozi Okafor' }));
      ecowasAdmin = await registry.officer(ecowas, { roles: ['officer', 'admin'], name: 'ECOWAS admin' });
      ecowasColleague = await registry.officer(ecowas, { name: 'Aminata Traoré' });
      sadcOfficer = await registry.officer(sadc, { name: 'Thabo Nkosi' });
    });
    await training.known([un.id, au.id, ecowas.id, sadc.id], [unTrainer.id, auTrainer.id, ...trainees.map((t) => t.id), ecowasAdmin.id, ecowasColleague.id, sadcOfficer.id]);
  });
  afterAll(() => training?.stop());

  it('publishes, schedules, fills, promotes the waitlist, completes, verifies without a token and revokes', async () => {
    const { http } = training;
    const course = await http
      .post('/api/v1/courses')
      .set(auth(unTrainer))
      .send({ title: 'Mediation process design for joint UN–AU–ECOWAS teams', topic: 'mediation', languages: ['en', 'fr', 'ar'] })
      .expect(201);
    expect(course.body).toMatchObject({ topic: 'mediation', languages: ['en', 'fr', 'ar'], originOrganizationId: un.id });

    const startsAt = new Date(Date.now() + 30 * 86_400_000);
    const endsAt = new Date(startsAt.getTime() + 3 * 86_400_000);
    const session = await http
      .post('/api/v1/sessions')
      .set(auth(unTrainer))
      .send({
        courseId: course.body.id,
        startsAt: startsAt.toISOString(),
        endsAt: endsAt.toISOString(),
        seats: 2,
        organizers: [un.id, au.id],
        audience: { organizations: [au.id, ecowas.id] },
        location: 'Abuja',
      })
      .expect(201);
    expect(session.body).toMatchObject({ seats: 2, status: 'scheduled', classification: 'amber', organizers: [un.id, au.id] });
    const sessionId = session.body.id as string;

    // two seats, three trainees: the third waits
    const enrolled: Array<{ id: string; status: string; waitlistPosition: number | null }> = [];
    for (const trainee of trainees) enrolled.push((await http.post('/api/v1/enrolments').set(auth(trainee)).send({ sessionId }).expect(201)).body);
    expect(enrolled.map((e) => [e.status, e.waitlistPosition])).toEqual([['confirmed', null], ['confirmed', null], ['waitlisted', 1]]);
    // an admin enrols a colleague of their own organization: fourth in line, second on the waitlist
    const byAdmin = await http.post('/api/v1/enrolments').set(auth(ecowasAdmin)).send({ sessionId, officerId: ecowasColleague.id }).expect(201);
    expect(byAdmin.body).toMatchObject({ officerId: ecowasColleague.id, enrolledBy: ecowasAdmin.id, status: 'waitlisted', waitlistPosition: 2 });
    // SADC is outside the audience: the session is not even visible to its officers
    await http.post('/api/v1/enrolments').set(auth(sadcOfficer)).send({ sessionId }).expect(404);

    // the first trainee withdraws: the first on the waitlist gets the seat, the next moves up
    const withdrawn = await http.post(`/api/v1/enrolments/${enrolled[0].id}/withdraw`).set(auth(trainees[0])).send({}).expect(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    const promoted = await http.get(`/api/v1/enrolments/${enrolled[2].id}`).set(auth(trainees[2])).expect(200);
    expect(promoted.body).toMatchObject({ status: 'confirmed', waitlistPosition: null });
    const next = await http.get(`/api/v1/enrolments/${byAdmin.body.id}`).set(auth(ecowasColleague)).expect(200);
    expect(next.body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });

    // one more seat promotes the colleague
    await http.patch(`/api/v1/sessions/${sessionId}`).set(auth(auTrainer)).send({ seats: 3 }).expect(200);
    expect((await http.get(`/api/v1/enrolments/${byAdmin.body.id}`).set(auth(ecowasColleague)).expect(200)).body).toMatchObject({ status: 'confirmed', waitlistPosition: null });

    // organizers (UN, AU) see the session's enrolments, filtered by status; an ECOWAS trainee sees only their own
    const confirmed = await http.get(`/api/v1/enrolments?sessionId=${sessionId}&status=confirmed`).set(auth(auTrainer)).expect(200);
    expect(confirmed.body.items.map((e: { officerId: string }) => e.officerId).sort()).toEqual([trainees[1].id, trainees[2].id, ecowasColleague.id].sort());
    const own = await http.get(`/api/v1/enrolments?sessionId=${sessionId}`).set(auth(trainees[1])).expect(200);
    expect(own.body.items.map((e: { officerId: string }) => e.officerId)).toEqual([trainees[1].id]);

    // the course takes place (time moves on: its three days are behind us); attendance, then
    // completion, dated its last day, issues a certificate
    const heldFrom = new Date(`${new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10)}T08:00:00.000Z`);
    const heldTo = new Date(heldFrom.getTime() + 3 * 86_400_000);
    const completedOn = heldTo.toISOString().slice(0, 10);
    await moveSession(training, sessionId, heldFrom, heldTo);
    const finisher = enrolled[1];
    await http.post(`/api/v1/enrolments/${finisher.id}/complete`).set(auth(auTrainer)).send({}).expect(409);
    await http.post(`/api/v1/enrolments/${finisher.id}/attendance`).set(auth(trainees[1])).send({ attended: true }).expect(403);
    await http.post(`/api/v1/enrolments/${finisher.id}/attendance`).set(auth(auTrainer)).send({ attended: true }).expect(200);
    const completed = await http.post(`/api/v1/enrolments/${finisher.id}/complete`).set(auth(auTrainer)).send({ completedOn }).expect(200);
    expect(completed.body).toMatchObject({ status: 'completed', completedOn });
    const certificateId = completed.body.certificateId as string;
    // random (version 4), not time-ordered (version 7)
    expect(certificateId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    // anyone holding the id verifies it, without a token
    const verified = await http.get(`/api/v1/certificates/${certificateId}`).expect(200);
    expect(verified.body).toEqual({
      id: certificateId,
      holder: { name: 'Ibrahim Keita', organization: { id: ecowas.id, acronym: 'ECOWAS', name: 'Economic Community of West African States' } },
      course: { id: course.body.id, title: 'Mediation process design for joint UN–AU–ECOWAS teams' },
      session: { id: sessionId, startsAt: heldFrom.toISOString(), endsAt: heldTo.toISOString(), location: 'Abuja', online: false },
      issuedOn: completedOn,
      issuers: [
        { id: un.id, acronym: 'UN', name: 'United Nations' },
        { id: au.id, acronym: 'AU', name: 'African Union' },
      ],
      revokedAt: null,
      revokeReason: null,
    });
    expect(JSON.stringify(verified.body)).not.toContain('@');
    await http.get('/api/v1/certificates/0f8e3a52-3c1e-4b4a-9a3d-5b7e2c1d9f00').expect(404);

    // revocation: not by the holder, by an organizer, with a reason; then it reads as revoked, when and why
    await http.post(`/api/v1/certificates/${certificateId}/revoke`).set(auth(trainees[1])).send({ reason: 'mine' }).expect(403);
    await http.post(`/api/v1/certificates/${certificateId}/revoke`).send({ reason: 'no token' }).expect(401);
    const revoked = await http.post(`/api/v1/certificates/${certificateId}/revoke`).set(auth(unTrainer)).send({ reason: 'Attendance was recorded in error.' }).expect(200);
    const read = await http.get(`/api/v1/certificates/${certificateId}`).expect(200);
    expect(read.body).toMatchObject({ id: certificateId, revokedAt: revoked.body.revokedAt, revokeReason: 'Attendance was recorded in error.' });
    // revoked once: a second revocation finds nothing to revoke
    await http.post(`/api/v1/certificates/${certificateId}/revoke`).set(auth(unTrainer)).send({ reason: 'again' }).expect(404);

    // what went out through the outbox, in order per aggregate
    await settled(async () => {
      const types = (await seenEvents(training)).map((e) => e.type);
      for (const type of [
        'liaison.course.published.v1',
        'liaison.session.scheduled.v1',
        'liaison.session.rescheduled.v1',
        'liaison.enrolment.waitlisted.v1',
        'liaison.enrolment.withdrawn.v1',
        'liaison.enrolment.completed.v1',
        'liaison.certificate.issued.v1',
        'liaison.certificate.revoked.v1',
      ]) {
        expect(types).toContain(type);
      }
      // the three first confirmations, the promotion on withdrawal and the one on more seats
      expect(types.filter((t) => t === 'liaison.enrolment.confirmed.v1')).toHaveLength(4);
    });
    const promotion = (await seenEvents(training, 'liaison.training.enrolment.confirmed')).find((e) => e.subject === enrolled[2].id);
    expect(promotion).toMatchObject({ classification: 'red', data: { officerId: trainees[2].id, audience: { officers: [trainees[2].id] }, authorId: trainees[0].id } });
  });

  it('cancelling a session cancels its enrolments and names every enrolled officer in the event', async () => {
    const { http } = training;
    const course = await http.post('/api/v1/courses').set(auth(auTrainer)).send({ title: 'Conflict prevention and early warning', topic: 'conflict-prevention' }).expect(201);
    const startsAt = new Date(Date.now() + 40 * 86_400_000);
    const session = await http
      .post('/api/v1/sessions')
      .set(auth(auTrainer))
      .send({ courseId: course.body.id, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 86_400_000).toISOString(), seats: 1, online: true })
      .expect(201);
    expect(session.body.classification).toBe('green');
    const first = await http.post('/api/v1/enrolments').set(auth(trainees[0])).send({ sessionId: session.body.id }).expect(201);
    const second = await http.post('/api/v1/enrolments').set(auth(sadcOfficer)).send({ sessionId: session.body.id }).expect(201);
    expect([first.body.status, second.body.status]).toEqual(['confirmed', 'waitlisted']);

    await http.post(`/api/v1/sessions/${session.body.id}/cancel`).set(auth(sadcOfficer)).send({ reason: 'not mine' }).expect(403);
    const cancelled = await http.post(`/api/v1/sessions/${session.body.id}/cancel`).set(auth(auTrainer)).send({ reason: 'Venue unavailable.' }).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'Venue unavailable.' });
    for (const [enrolment, officer] of [[first, trainees[0]], [second, sadcOfficer]] as const) {
      expect((await http.get(`/api/v1/enrolments/${enrolment.body.id}`).set(auth(officer)).expect(200)).body.status).toBe('cancelled');
    }
    const event = await settled(async () => {
      const found = (await seenEvents(training, 'liaison.training.session.cancelled')).find((e) => e.subject === session.body.id);
      expect(found).toBeDefined();
      return found!;
    });
    expect((event.data as { enrolledOfficers: string[] }).enrolledOfficers.sort()).toEqual([trainees[0].id, sadcOfficer.id].sort());

    // listed by status and start date
    const listed = await http.get(`/api/v1/sessions?courseId=${course.body.id}&status=cancelled&from=${encodeURIComponent(new Date().toISOString())}`).set(auth(sadcOfficer)).expect(200);
    expect(listed.body.items.map((s: { id: string }) => s.id)).toEqual([session.body.id]);
  });

  it('session events name the organizer who made each change, who may not be the one who scheduled it', async () => {
    const { http } = training;
    const course = await http.post('/api/v1/courses').set(auth(unTrainer)).send({ title: 'Mediation process design', topic: 'mediation' }).expect(201);
    const startsAt = new Date(Date.now() + 50 * 86_400_000);
    const session = await http
      .post('/api/v1/sessions')
      .set(auth(unTrainer))
      .send({ courseId: course.body.id, organizers: [un.id, au.id], startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 86_400_000).toISOString(), seats: 5, online: true })
      .expect(201);
    await http.patch(`/api/v1/sessions/${session.body.id}`).set(auth(auTrainer)).send({ seats: 6 }).expect(200);
    await http.post(`/api/v1/sessions/${session.body.id}/cancel`).set(auth(auTrainer)).send({ reason: 'Merged with the May session.' }).expect(200);
    const events = await settled(async () => {
      const found = [
        ...(await seenEvents(training, 'liaison.training.session.scheduled')),
        ...(await seenEvents(training, 'liaison.training.session.rescheduled')),
        ...(await seenEvents(training, 'liaison.training.session.cancelled')),
      ].filter((e) => e.subject === session.body.id);
      expect(found).toHaveLength(3);
      return found;
    });
    const by = Object.fromEntries(events.map((e) => [e.type, e.data as { authorId: string; changedBy: string }]));
    expect(by['liaison.session.scheduled.v1']).toMatchObject({ authorId: unTrainer.id, changedBy: unTrainer.id });
    expect(by['liaison.session.rescheduled.v1']).toMatchObject({ authorId: unTrainer.id, changedBy: auTrainer.id });
    expect(by['liaison.session.cancelled.v1']).toMatchObject({ authorId: unTrainer.id, changedBy: auTrainer.id });
  });

  it('serves its OpenAPI document (the certificate route needs no token) and its AsyncAPI catalog, without a token', async () => {
    const openapi = await training.http.get('/api/v1/training/openapi.json').expect(200);
    const paths = Object.keys(openapi.body.paths);
    for (const path of ['/api/v1/courses', '/api/v1/sessions', '/api/v1/sessions/{id}/cancel', '/api/v1/enrolments', '/api/v1/enrolments/{id}/withdraw', '/api/v1/enrolments/{id}/complete', '/api/v1/certificates/{id}', '/api/v1/certificates/{id}/revoke']) {
      expect(paths).toContain(path);
    }
    // every status an enrolment reads with is declared: a cancelled session's enrolments read `cancelled`
    expect(openapi.body.components.schemas.EnrolmentView.properties.status.enum.sort()).toEqual(['cancelled', 'completed', 'confirmed', 'waitlisted', 'withdrawn']);
    const asyncapi = await training.http.get('/api/v1/training/asyncapi.json').expect(200);
    const documented = JSON.stringify(asyncapi.body);
    for (const type of ['liaison.session.rescheduled.v1', 'liaison.enrolment.withdrawn.v1', 'liaison.certificate.issued.v1', 'liaison.certificate.revoked.v1']) {
      expect(documented).toContain(type);
    }
  });
});
