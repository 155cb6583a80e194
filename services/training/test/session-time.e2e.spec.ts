// Real: Postgres and NATS JetStream; the training service started as in production, its registry
// read model built from organizations events published on the test's own stream. Time passes by
// moving a session's dates in the service's table (moveSession): the API refuses a start in the past.
import { auth, moveSession, type Officer, type Organization, type RunningTraining, seenEvents, settled, startTestTraining } from './harness';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The calendar day at `instant` in the time zone `offsetHours` from UTC. */
const dayAt = (instant: Date, offsetHours: number) => new Date(instant.getTime() + offsetHours * HOUR).toISOString().slice(0, 10);

/**
 * What the clock means to a session: once it has started, a freed seat stays free (nobody joins a
 * course half-way, or is told of a seat they can no longer take), its start stays and attendance
 * may be recorded; once it is over, it and its enrolments stand as they were; a certificate is
 * dated between the session's first day and today.
 */
describe('a session and the clock', () => {
  let training: RunningTraining;
  let un: Organization, au: Organization;
  let organizer: Officer;
  const trainees: Officer[] = [];
  let courseId: string;

  beforeAll(async () => {
    training = await startTestTraining('training_session_time', async (registry) => {
      un = await registry.organization('UN', 'united-nations', 'global');
      au = await registry.organization('AU');
      organizer = await registry.officer(un);
      for (let i = 0; i < 4; i++) trainees.push(await registry.officer(au));
    });
    await training.known([un.id, au.id], [organizer.id, ...trainees.map((t) => t.id)]);
    courseId = (await training.http.post('/api/v1/courses').set(auth(organizer)).send({ title: 'Mediation support', topic: 'mediation' }).expect(201)).body.id;
  });
  afterAll(() => training?.stop());

  async function schedule(seats: number): Promise<string> {
    const startsAt = Date.now() + 10 * DAY;
    const session = await training.http
      .post('/api/v1/sessions')
      .set(auth(organizer))
      .send({ courseId, startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + 2 * DAY).toISOString(), seats, online: true })
      .expect(201);
    return session.body.id;
  }

  const enrol = async (trainee: Officer, sessionId: string) => (await training.http.post('/api/v1/enrolments').set(auth(trainee)).send({ sessionId }).expect(201)).body;
  const enrolment = async (id: string, trainee: Officer) => (await training.http.get(`/api/v1/enrolments/${id}`).set(auth(trainee)).expect(200)).body;

  it("lists an officer's upcoming sessions next to start first, page by page", async () => {
    const { http } = training;
    // recorded in an order unlike their start, two starting at the same time; after every other session of this file
    const ahead = Date.now() + 100 * DAY;
    const scheduled: Array<{ id: string; startsAt: string }> = [];
    for (const days of [5, 1, 3, 1, 2]) {
      const startsAt = ahead + days * DAY;
      const { body } = await http
        .post('/api/v1/sessions')
        .set(auth(organizer))
        .send({ courseId, startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + DAY).toISOString(), seats: 5, online: true })
        .expect(201);
      scheduled.push({ id: body.id, startsAt: body.startsAt });
    }
    const soonestFirst = [...scheduled].sort((a, b) => a.startsAt.localeCompare(b.startsAt) || (a.id < b.id ? -1 : 1)).map((s) => s.id);

    const from = encodeURIComponent(new Date(ahead).toISOString());
    const listed: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const { body: page }: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await http
        .get(`/api/v1/sessions?from=${from}&order=startsAt&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        .set(auth(trainees[0]))
        .expect(200);
      expect(page.items.length).toBeLessThanOrEqual(2);
      listed.push(...page.items.map((s) => s.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(listed).toEqual(soonestFirst);
    expect(pages).toBe(3);

    // the default order is still newest recorded first
    const { body: newest } = await http.get(`/api/v1/sessions?from=${from}&limit=2`).set(auth(trainees[0])).expect(200);
    expect(newest.items.map((s: { id: string }) => s.id)).toEqual([scheduled[4].id, scheduled[3].id]);

    // a cursor serves only the order that gave it out; an order the service does not know is refused
    const { body: soonest } = await http.get(`/api/v1/sessions?from=${from}&order=startsAt&limit=2`).set(auth(trainees[0])).expect(200);
    for (const path of [`order=startsAt&cursor=${newest.nextCursor}`, `cursor=${soonest.nextCursor}`, `order=createdAt&cursor=${soonest.nextCursor}`]) {
      const refused = await http.get(`/api/v1/sessions?from=${from}&limit=2&${path}`).set(auth(trainees[0])).expect(400);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
    }
    const unknown = await http.get(`/api/v1/sessions?from=${from}&order=soonest`).set(auth(trainees[0])).expect(400);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'order' })]);
  });

  it('promotes nobody once the session has started, and freezes its enrolments once it is over', async () => {
    const { http } = training;
    const sessionId = await schedule(1);
    const seated = await enrol(trainees[0], sessionId);
    const first = await enrol(trainees[1], sessionId);
    const second = await enrol(trainees[2], sessionId);
    expect([seated.status, first.waitlistPosition, second.waitlistPosition]).toEqual(['confirmed', 1, 2]);

    // the session began an hour ago
    await moveSession(training, sessionId, new Date(Date.now() - HOUR), new Date(Date.now() + DAY));
    await http.post(`/api/v1/enrolments/${seated.id}/withdraw`).set(auth(trainees[0])).send({ reason: 'Called away on mission.' }).expect(200);
    expect(await enrolment(first.id, trainees[1])).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    // more seats do not open a session under way either
    await http.patch(`/api/v1/sessions/${sessionId}`).set(auth(organizer)).send({ seats: 3 }).expect(200);
    expect(await enrolment(first.id, trainees[1])).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect(await enrolment(second.id, trainees[2])).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });
    // leaving the waitlist is still one's own choice; the line closes up
    await http.post(`/api/v1/enrolments/${first.id}/withdraw`).set(auth(trainees[1])).send({}).expect(200);
    expect(await enrolment(second.id, trainees[2])).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    const late = await http.post('/api/v1/enrolments').set(auth(trainees[3])).send({ sessionId }).expect(409);
    expect(late.body.code).toBe('session-started');

    // no confirmation went out for anyone but the first seat
    await settled(async () => {
      const withdrawn = (await seenEvents(training, 'liaison.training.enrolment.withdrawn')).map((e) => e.subject);
      expect(withdrawn).toEqual(expect.arrayContaining([seated.id, first.id]));
    });
    const confirmed = (await seenEvents(training, 'liaison.training.enrolment.confirmed')).map((e) => e.subject);
    expect(confirmed.filter((id) => [seated.id, first.id, second.id].includes(id))).toEqual([seated.id]);

    // over: what happened is recorded by attendance and completion, not rewritten by a withdrawal
    await moveSession(training, sessionId, new Date(Date.now() - 2 * DAY), new Date(Date.now() - HOUR));
    const over = await http.post(`/api/v1/enrolments/${second.id}/withdraw`).set(auth(trainees[2])).send({}).expect(409);
    expect(over.headers['content-type']).toContain('application/problem+json');
    expect(over.body.code).toBe('session-over');
    expect(await enrolment(second.id, trainees[2])).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
  });

  it('keeps the start of a session under way where it was, and lets its end, seats and place change', async () => {
    const { http } = training;
    const sessionId = await schedule(1);
    const seated = await enrol(trainees[0], sessionId);
    const waiting = await enrol(trainees[1], sessionId);
    await moveSession(training, sessionId, new Date(Date.now() - HOUR), new Date(Date.now() + DAY));
    const under = (await http.get(`/api/v1/sessions/${sessionId}`).set(auth(organizer)).expect(200)).body;

    // it began when it began: a later start would re-open enrolment and the waitlist's promotion
    const later = await http.patch(`/api/v1/sessions/${sessionId}`).set(auth(organizer)).send({ startsAt: new Date(Date.now() + 2 * DAY).toISOString() }).expect(409);
    expect(later.headers['content-type']).toContain('application/problem+json');
    expect(later.body).toMatchObject({ code: 'session-started', errors: [expect.objectContaining({ field: 'startsAt', code: 'sessionStarted' })] });
    // nor is it ended in the past by a change: withdrawals made meanwhile were made while it ran
    const endedBefore = await http.patch(`/api/v1/sessions/${sessionId}`).set(auth(organizer)).send({ endsAt: new Date(Date.now() - 60_000).toISOString() }).expect(400);
    expect(endedBefore.body.errors).toEqual([expect.objectContaining({ field: 'endsAt', code: 'inFuture' })]);
    expect((await http.get(`/api/v1/sessions/${sessionId}`).set(auth(organizer)).expect(200)).body).toEqual(under);

    // a form sends the start back as it is: no change; the end, seats and place do change
    const endsAt = new Date(Date.now() + 2 * DAY).toISOString();
    const changed = await http
      .patch(`/api/v1/sessions/${sessionId}`)
      .set(auth(organizer))
      .send({ startsAt: under.startsAt, endsAt, seats: 2, location: 'Addis Ababa', online: false })
      .expect(200);
    expect(changed.body).toMatchObject({ startsAt: under.startsAt, endsAt, seats: 2, location: 'Addis Ababa', online: false, version: under.version + 1 });
    // a seat freed under way stays free, as before
    expect(await enrolment(waiting.id, trainees[1])).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect(await enrolment(seated.id, trainees[0])).toMatchObject({ status: 'confirmed' });
  });

  it('keeps a session that is over as it was: neither changed nor cancelled, its enrolments standing', async () => {
    const { http } = training;
    const sessionId = await schedule(1);
    const seated = await enrol(trainees[0], sessionId);
    const waiting = await enrol(trainees[1], sessionId);
    await moveSession(training, sessionId, new Date(Date.now() - 2 * DAY), new Date(Date.now() - HOUR));
    const over = (await http.get(`/api/v1/sessions/${sessionId}`).set(auth(organizer)).expect(200)).body;

    const refused = [
      // a later end would re-open withdrawals; more seats would change nothing that happened
      () => http.patch(`/api/v1/sessions/${sessionId}`).set(auth(organizer)).send({ endsAt: new Date(Date.now() + DAY).toISOString() }),
      () => http.patch(`/api/v1/sessions/${sessionId}`).set(auth(organizer)).send({ seats: 5 }),
      () => http.patch(`/api/v1/sessions/${sessionId}`).set(auth(organizer)).send({ location: 'Nairobi' }),
      () => http.post(`/api/v1/sessions/${sessionId}/cancel`).set(auth(organizer)).send({ reason: 'Recorded by mistake.' }),
    ];
    for (const send of refused) {
      const response = await send().expect(409);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.code).toBe('session-over');
    }
    expect((await http.get(`/api/v1/sessions/${sessionId}`).set(auth(organizer)).expect(200)).body).toEqual(over);
    expect(await enrolment(seated.id, trainees[0])).toMatchObject({ status: 'confirmed', version: seated.version });
    expect(await enrolment(waiting.id, trainees[1])).toMatchObject({ status: 'waitlisted', waitlistPosition: 1, version: waiting.version });
    expect((await http.post(`/api/v1/enrolments/${waiting.id}/withdraw`).set(auth(trainees[1])).send({}).expect(409)).body.code).toBe('session-over');
    // only its scheduling went out
    await settled(async () => expect((await seenEvents(training, 'liaison.training.session.scheduled')).map((e) => e.subject)).toContain(sessionId));
    const later = [...(await seenEvents(training, 'liaison.training.session.rescheduled')), ...(await seenEvents(training, 'liaison.training.session.cancelled'))];
    expect(later.map((e) => e.subject)).not.toContain(sessionId);
  });

  it('records attendance and completion only once the session has begun', async () => {
    const { http } = training;
    const sessionId = await schedule(1);
    const seated = await enrol(trainees[0], sessionId);
    for (const send of [
      () => http.post(`/api/v1/enrolments/${seated.id}/attendance`).set(auth(organizer)).send({ attended: true }),
      () => http.post(`/api/v1/enrolments/${seated.id}/complete`).set(auth(organizer)).send({}),
    ]) {
      const early = await send().expect(409);
      expect(early.headers['content-type']).toContain('application/problem+json');
      expect(early.body.code).toBe('session-not-started');
    }
    expect(await enrolment(seated.id, trainees[0])).toMatchObject({ status: 'confirmed', attended: null, version: seated.version });

    // it began a minute ago: the officer is there
    await moveSession(training, sessionId, new Date(Date.now() - 60_000), new Date(Date.now() + DAY));
    const attended = await http.post(`/api/v1/enrolments/${seated.id}/attendance`).set(auth(organizer)).send({ attended: true }).expect(200);
    expect(attended.body).toMatchObject({ status: 'confirmed', attended: true });
  });

  it('dates a completion no later than today on the date line and no earlier than the first day of the session anywhere', async () => {
    const { http } = training;
    const sessionId = await schedule(4);
    const enrolments = [];
    for (const trainee of trainees) enrolments.push(await enrol(trainee, sessionId));

    // it began three days ago at 06:00 UTC: still the day before at UTC-12
    const started = new Date(`${dayAt(new Date(Date.now() - 3 * DAY), 0)}T06:00:00.000Z`);
    await moveSession(training, sessionId, started, new Date(started.getTime() + DAY));
    for (const { id } of enrolments) await http.post(`/api/v1/enrolments/${id}/attendance`).set(auth(organizer)).send({ attended: true }).expect(200);
    const firstDay = dayAt(started, -12);
    const today = dayAt(new Date(), 14);
    const refused: Array<[string, string]> = [
      ['2999-01-01', 'notInFuture'],
      [dayAt(new Date(Date.now() + 14 * HOUR + DAY), 0), 'notInFuture'],
      [dayAt(new Date(started.getTime() - 12 * HOUR - DAY), 0), 'notBeforeSessionStart'],
    ];
    for (const [completedOn, code] of refused) {
      const response = await http.post(`/api/v1/enrolments/${enrolments[0].id}/complete`).set(auth(organizer)).send({ completedOn }).expect(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'completedOn', code })]);
    }
    expect(await enrolment(enrolments[0].id, trainees[0])).toMatchObject({ status: 'confirmed', certificateId: null });

    // the bounds themselves are days a certificate may bear
    for (const [index, completedOn] of [firstDay, today].entries()) {
      const completed = await http.post(`/api/v1/enrolments/${enrolments[index].id}/complete`).set(auth(organizer)).send({ completedOn }).expect(200);
      expect(completed.body).toMatchObject({ status: 'completed', completedOn });
      expect((await http.get(`/api/v1/certificates/${completed.body.certificateId}`).expect(200)).body.issuedOn).toBe(completedOn);
    }
    // and by default, today in UTC
    const byDefault = await http.post(`/api/v1/enrolments/${enrolments[2].id}/complete`).set(auth(organizer)).send({}).expect(200);
    expect(byDefault.body.completedOn).toBe(dayAt(new Date(), 0));
  });
});
