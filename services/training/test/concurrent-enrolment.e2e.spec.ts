// Real: Postgres and NATS JetStream; TWO instances of the training service on the same database
// and streams, as two replicas behind a proxy would be.
import { auth, type Officer, type RunningTraining, seenEvents, settled, startTestTraining } from './harness';

describe('seats under concurrent enrolment from two replicas', () => {
  let first: RunningTraining;
  let second: RunningTraining;
  let organizer: Officer;
  const officers: Officer[] = [];

  beforeAll(async () => {
    first = await startTestTraining('training_concurrent', async (registry) => {
      const un = await registry.organization('UN', 'united-nations', 'global');
      organizer = await registry.officer(un);
      const partners = await Promise.all(['AU', 'ECOWAS', 'IGAD', 'SADC', 'ECCAS'].map((acronym) => registry.organization(acronym)));
      for (let i = 0; i < 50; i++) officers.push(await registry.officer(partners[i % partners.length]));
    });
    second = await startTestTraining('training_concurrent', async () => undefined, first);
    await first.known([organizer.organizationId], [organizer.id, ...officers.map((o) => o.id)]);
  }, 120_000);
  afterAll(async () => {
    await second?.stop();
    await first?.stop();
  });

  it('50 enrolments at once at a 10-seat session: exactly 10 confirmed, 40 waitlisted at positions 1 to 40', async () => {
    const course = await first.http.post('/api/v1/courses').set(auth(organizer)).send({ title: 'Mediation support', topic: 'mediation' }).expect(201);
    const startsAt = new Date(Date.now() + 20 * 86_400_000);
    const session = await first.http
      .post('/api/v1/sessions')
      .set(auth(organizer))
      .send({ courseId: course.body.id, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 86_400_000).toISOString(), seats: 10 })
      .expect(201);

    // every request in flight at once, alternately on each replica
    const responses = await Promise.all(
      officers.map((officer, i) => (i % 2 === 0 ? first : second).http.post('/api/v1/enrolments').set(auth(officer)).send({ sessionId: session.body.id })),
    );
    expect(responses.map((r) => r.status)).toEqual(officers.map(() => 201));
    const answered = responses.map((r) => r.body as { id: string; status: string; waitlistPosition: number | null });
    expect(answered.filter((e) => e.status === 'confirmed')).toHaveLength(10);
    const waitlisted = answered.filter((e) => e.status === 'waitlisted');
    expect(waitlisted.map((e) => e.waitlistPosition).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));

    // what is stored agrees with what each caller was told
    const stored = await first.http.get(`/api/v1/enrolments?sessionId=${session.body.id}&limit=200`).set(auth(organizer)).expect(200);
    expect(stored.body.items).toHaveLength(50);
    const byId = new Map<string, { status: string; waitlistPosition: number | null }>(stored.body.items.map((e: { id: string }) => [e.id, e]));
    for (const e of answered) expect(byId.get(e.id)).toMatchObject({ status: e.status, waitlistPosition: e.waitlistPosition });

    // and so do the events: 10 confirmations, 40 waitlistings, each position once
    await settled(async () => {
      const events = (await seenEvents(first)).filter((e) => (e.data as { sessionId?: string }).sessionId === session.body.id);
      expect(events.filter((e) => e.type === 'liaison.enrolment.confirmed.v1')).toHaveLength(10);
      const positions = events.filter((e) => e.type === 'liaison.enrolment.waitlisted.v1').map((e) => e.data.waitlistPosition as number);
      expect(positions.sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    });

    // a withdrawal on one replica gives the seat to position 1, decided under the same lock
    const leaving = answered.find((e) => e.status === 'confirmed')!;
    const next = waitlisted.find((e) => e.waitlistPosition === 1)!;
    const leaver = officers[answered.indexOf(leaving)];
    await second.http.post(`/api/v1/enrolments/${leaving.id}/withdraw`).set(auth(leaver)).send({}).expect(200);
    expect((await first.http.get(`/api/v1/enrolments/${next.id}`).set(auth(organizer)).expect(200)).body).toMatchObject({ status: 'confirmed', waitlistPosition: null });
    const after = await first.http.get(`/api/v1/enrolments?sessionId=${session.body.id}&status=waitlisted&limit=200`).set(auth(organizer)).expect(200);
    expect(after.body.items.map((e: { waitlistPosition: number }) => e.waitlistPosition).sort((a: number, b: number) => a - b)).toEqual(Array.from({ length: 39 }, (_, i) => i + 1));
  });
});
