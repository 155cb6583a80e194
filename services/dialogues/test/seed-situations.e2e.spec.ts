import { CloudEvent } from 'cloudevents';
import { definitionByType, validateEnvelope, validateEventData } from '@liaison/contracts';
import { auth, eventually, Officer, Organization, RunningDialogues, startTestDialogues } from './harness';

// Real: Postgres (this file's own database) and NATS JetStream (this file's own stream). The
// registry is published on the stream before the service starts: its read model is built by
// replay on an empty database, as on a first deployment.
describe('the seed situations, end to end through HTTP', () => {
  let service: RunningDialogues;
  let un: Organization, osce: Organization, au: Organization, eu: Organization;
  let unOfficer: Officer, osceOfficer: Officer, auOfficer: Officer, euOfficer: Officer;
  let sudanDesk: string;

  beforeAll(async () => {
    service = await startTestDialogues('seed', async (registry) => {
      un = await registry.organization('UN', 'united-nations', 'global');
      osce = await registry.organization('OSCE', 'regional', 'europe');
      au = await registry.organization('AU', 'regional', 'africa');
      eu = await registry.organization('EU', 'regional', 'europe');
      const unDesk = await registry.desk(un, 'Europe desk (DPPA)');
      sudanDesk = await registry.desk(au, 'Sudan desk', ['SD']);
      unOfficer = await registry.officer(un, { deskId: unDesk });
      osceOfficer = await registry.officer(osce);
      auOfficer = await registry.officer(au, { deskId: sudanDesk, language: 'fr' });
      euOfficer = await registry.officer(eu);
    });
    await service.known([un.id, osce.id, au.id, eu.id], [unOfficer.id, osceOfficer.id, auOfficer.id, euOfficer.id]);
  });
  afterAll(() => service.stop());

  it('the annual UN–OSCE staff-level meeting: scheduled, held, two recommendations followed to implemented', async () => {
    const { body: meeting } = await service.http
      .post('/api/v1/dialogues')
      .set(auth(unOfficer))
      .send({
        kind: 'staff-level',
        title: 'Annual UN–OSCE staff-level meeting 2026',
        participants: [un.id, osce.id],
        startsAt: '2026-11-03T09:00:00+01:00',
        endsAt: '2026-11-03T17:00:00+01:00',
        location: 'Vienna',
        agenda: ['Early warning', 'Mediation support'],
      })
      .expect(201);
    expect(meeting).toMatchObject({
      kind: 'staff-level', status: 'scheduled', classification: 'green', convenorOrganizationId: un.id,
      originOrganizationId: un.id, authorId: unOfficer.id, version: 1, outcome: null, seriesId: expect.any(String), previousDialogueId: null,
    });
    expect(meeting.seriesId).not.toBe(meeting.id);

    const { body: held } = await service.http
      .post(`/api/v1/dialogues/${meeting.id}/outcome`)
      .set(auth(osceOfficer))
      .send({ summary: 'Agreed to exchange early-warning analysis and to train mediators together.', heldOn: '2026-11-03' })
      .expect(200);
    expect(held).toMatchObject({ status: 'held', version: 2, outcome: { heldOn: '2026-11-03' } });

    const adopt = (text: string, owners: string[]) =>
      service.http.post('/api/v1/recommendations').set(auth(unOfficer)).send({ dialogueId: meeting.id, text, owners, dueOn: '2027-06-30', status: 'agreed' }).expect(201);
    const { body: first } = await adopt('Exchange early-warning analysis on the OSCE area every quarter.', [osce.id]);
    const { body: second } = await adopt('Run a joint mediation course for OSCE and DPPA staff.', [un.id, osce.id]);
    expect(first).toMatchObject({ status: 'agreed', owners: [osce.id], overdue: false, history: [{ status: 'agreed', previousStatus: null, changedBy: unOfficer.id }] });

    // the OSCE owns the first; the UN convenes, so it may move both
    for (const [recommendation, by] of [[first, osceOfficer], [second, unOfficer]] as const) {
      await service.http.post(`/api/v1/recommendations/${recommendation.id}/status`).set(auth(by)).send({ status: 'in-progress', note: 'Started.' }).expect(200);
      const { body: done } = await service.http
        .post(`/api/v1/recommendations/${recommendation.id}/status`)
        .set(auth(by))
        .send({ status: 'implemented', note: 'Done and reported to both secretariats.' })
        .expect(200);
      expect(done.status).toBe('implemented');
      expect(done.history.map((h: { status: string }) => h.status)).toEqual(['agreed', 'in-progress', 'implemented']);
      expect(done.history[2]).toMatchObject({ previousStatus: 'in-progress', note: 'Done and reported to both secretariats.', changedBy: by.id, changedByOrganizationId: by.organizationId });
      // final: no further move
      await service.http.post(`/api/v1/recommendations/${recommendation.id}/status`).set(auth(by)).send({ status: 'dropped' }).expect(409);
    }

    const { body: implemented } = await service.http.get(`/api/v1/recommendations?dialogueId=${meeting.id}&status=implemented`).set(auth(osceOfficer)).expect(200);
    expect(implemented.items.map((r: { id: string }) => r.id).sort()).toEqual([first.id, second.id].sort());
    const { body: counts } = await service.http.get(`/api/v1/recommendations/counts?dialogueId=${meeting.id}`).set(auth(osceOfficer)).expect(200);
    expect(counts).toMatchObject({ total: 2, implemented: 2, overdue: 0 });

    // what partner systems read on the stream
    const types = async () => (await service.events()).filter((m) => [meeting.id, first.id, second.id].includes(m.event.subject as string)).map((m) => m.event.type);
    const stored = await eventually(types, 8);
    expect(stored.sort()).toEqual(
      [
        'liaison.dialogue.scheduled.v1',
        'liaison.dialogue.held.v1',
        'liaison.recommendation.adopted.v1',
        'liaison.recommendation.adopted.v1',
        ...Array(4).fill('liaison.recommendation.status-changed.v1'),
      ].sort(),
    );
    const [heldEvent] = await service.events('liaison.dialogues.dialogue.held');
    expect(new CloudEvent(heldEvent.event as never, true).validate()).toBe(true);
    expect(heldEvent.messageId).toBe(heldEvent.event.id);
    expect(heldEvent.event).toMatchObject({
      source: '/liaison/dialogues', subject: meeting.id, classification: 'green', originorg: un.id, sequence: '2',
      data: { dialogueId: meeting.id, participants: [un.id, osce.id], outcome: { heldOn: '2026-11-03' }, authorId: unOfficer.id },
    });
    const changed = (await service.events('liaison.dialogues.recommendation.status-changed')).find(
      (m) => m.event.subject === first.id && (m.event.data as { status: string }).status === 'implemented',
    );
    expect(changed?.event).toMatchObject({
      sequence: '3',
      data: { previousStatus: 'in-progress', changedBy: osceOfficer.id, dialogueTitle: 'Annual UN–OSCE staff-level meeting 2026', note: 'Done and reported to both secretariats.' },
    });
  });

  it('next year\'s meeting continues the series and shows the recommendations still open', async () => {
    const { body: previous } = await service.http
      .post('/api/v1/dialogues')
      .set(auth(osceOfficer))
      .send({ kind: 'staff-level', title: 'UN–OSCE staff-level meeting 2027', participants: [un.id, osce.id], startsAt: '2027-11-02T09:00:00+01:00' })
      .expect(201);
    const { body: open } = await service.http.post('/api/v1/recommendations').set(auth(unOfficer)).send({ dialogueId: previous.id, text: 'Open a liaison post in Vienna.', owners: [un.id] }).expect(201);
    const { body: dropped } = await service.http.post('/api/v1/recommendations').set(auth(unOfficer)).send({ dialogueId: previous.id, text: 'A shared database.', owners: [osce.id] }).expect(201);
    await service.http.post(`/api/v1/recommendations/${dropped.id}/status`).set(auth(osceOfficer)).send({ status: 'dropped', note: 'Not needed.' }).expect(200);

    const { body: next } = await service.http
      .post('/api/v1/dialogues')
      .set(auth(osceOfficer))
      .send({ kind: 'staff-level', title: 'UN–OSCE staff-level meeting 2028', participants: [un.id, osce.id], startsAt: '2028-11-07T09:00:00+01:00', previousDialogueId: previous.id })
      .expect(201);
    expect(next).toMatchObject({ previousDialogueId: previous.id, seriesId: previous.seriesId });
    expect(next.carriedOverRecommendations).toEqual([expect.objectContaining({ id: open.id, status: 'proposed' })]);
    const { body: again } = await service.http.get(`/api/v1/dialogues/${next.id}`).set(auth(unOfficer)).expect(200);
    expect(again.carriedOverRecommendations.map((r: { id: string }) => r.id)).toEqual([open.id]);
    const { body: series } = await service.http.get(`/api/v1/dialogues?seriesId=${previous.seriesId}`).set(auth(unOfficer)).expect(200);
    expect(series.items.map((d: { id: string }) => d.id)).toEqual([next.id, previous.id]);
    // a series is a chain: one next per dialogue
    await service.http
      .post('/api/v1/dialogues')
      .set(auth(osceOfficer))
      .send({ kind: 'staff-level', title: 'A second 2028', participants: [un.id, osce.id], startsAt: '2028-11-08T09:00:00+01:00', previousDialogueId: previous.id })
      .expect(409);
    const [scheduled] = (await eventually(service.events.bind(null, 'liaison.dialogues.dialogue.scheduled'), 1)).filter((m) => m.event.subject === next.id);
    expect(scheduled?.event.data).toMatchObject({ previousDialogueId: previous.id });
  });

  it('cancel and reschedule publish their events', async () => {
    const { body: d } = await service.http
      .post('/api/v1/dialogues')
      .set(auth(unOfficer))
      .send({ kind: 'consultation', title: 'UN–EU consultation on the Western Balkans', participants: [un.id, eu.id], startsAt: '2026-12-01T10:00:00+01:00' })
      .expect(201);
    const { body: moved } = await service.http.patch(`/api/v1/dialogues/${d.id}`).set(auth(euOfficer)).send({ startsAt: '2026-12-08T10:00:00+01:00', location: 'Brussels' }).expect(200);
    expect(moved).toMatchObject({ startsAt: '2026-12-08T09:00:00.000Z', location: 'Brussels', version: 2 });
    const { body: cancelled } = await service.http.post(`/api/v1/dialogues/${d.id}/cancel`).set(auth(unOfficer)).expect(200);
    expect(cancelled).toMatchObject({ status: 'cancelled', version: 3 });
    await service.http.post(`/api/v1/dialogues/${d.id}/outcome`).set(auth(unOfficer)).send({ summary: 'x', heldOn: '2026-12-08' }).expect(409);
    const rescheduled = await eventually(async () => (await service.events('liaison.dialogues.dialogue.rescheduled')).filter((m) => m.event.subject === d.id), 1);
    expect(rescheduled[0].event).toMatchObject({ sequence: '2', data: { previousStartsAt: '2026-12-01T09:00:00.000Z', startsAt: '2026-12-08T09:00:00.000Z' } });
    const cancelledEvents = await eventually(async () => (await service.events('liaison.dialogues.dialogue.cancelled')).filter((m) => m.event.subject === d.id), 1);
    expect(cancelledEvents[0].event).toMatchObject({ sequence: '3', data: { cancelledBy: unOfficer.id } });
  });

  it("an officer's upcoming dialogues, next to start first, page by page", async () => {
    // recorded in an order unlike their start, two starting at the same time; after every other dialogue of this file
    const starts = ['2031-03-05T09:00:00.000Z', '2031-03-01T09:00:00.000Z', '2031-03-03T09:00:00.000Z', '2031-03-01T09:00:00.000Z', '2031-03-02T09:00:00.000Z'];
    const scheduled: Array<{ id: string; startsAt: string }> = [];
    for (const [index, startsAt] of starts.entries()) {
      const { body } = await service.http
        .post('/api/v1/dialogues')
        .set(auth(unOfficer))
        .send({ kind: 'consultation', title: `UN–EU consultation ${index + 1}`, participants: [un.id, eu.id], startsAt })
        .expect(201);
      scheduled.push({ id: body.id, startsAt: body.startsAt });
    }
    const soonestFirst = [...scheduled].sort((a, b) => a.startsAt.localeCompare(b.startsAt) || (a.id < b.id ? -1 : 1)).map((d) => d.id);

    const from = encodeURIComponent('2031-01-01T00:00:00Z');
    const listed: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const { body: page }: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await service.http
        .get(`/api/v1/dialogues?from=${from}&order=startsAt&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        .set(auth(euOfficer))
        .expect(200);
      expect(page.items.length).toBeLessThanOrEqual(2);
      listed.push(...page.items.map((d) => d.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(listed).toEqual(soonestFirst);
    expect(pages).toBe(3);

    // the default order is still newest recorded first
    const { body: newest } = await service.http.get(`/api/v1/dialogues?from=${from}&limit=2`).set(auth(euOfficer)).expect(200);
    expect(newest.items.map((d: { id: string }) => d.id)).toEqual([scheduled[4].id, scheduled[3].id]);

    // a cursor serves only the order that gave it out; an order the service does not know is refused
    const { body: soonest } = await service.http.get(`/api/v1/dialogues?from=${from}&order=startsAt&limit=2`).set(auth(euOfficer)).expect(200);
    for (const path of [`order=startsAt&cursor=${newest.nextCursor}`, `cursor=${soonest.nextCursor}`, `order=createdAt&cursor=${soonest.nextCursor}`]) {
      const refused = await service.http.get(`/api/v1/dialogues?from=${from}&limit=2&${path}`).set(auth(euOfficer)).expect(400);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
    }
    const unknown = await service.http.get(`/api/v1/dialogues?from=${from}&order=soonest`).set(auth(euOfficer)).expect(400);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'order' })]);
  });

  it('an AU-led mediation initiative with the UN in support: the AU edits, the UN reads', async () => {
    const { body: initiative } = await service.http
      .post('/api/v1/initiatives')
      .set(auth(auOfficer))
      .send({ title: 'AU-led mediation in Sudan', leadOrganizationId: au.id, supporting: [un.id], countries: ['SD'], kind: 'mediation' })
      .expect(201);
    expect(initiative).toMatchObject({ leadOrganizationId: au.id, supporting: [un.id], status: 'active', classification: 'green', originOrganizationId: au.id });

    const { body: supported } = await service.http.get(`/api/v1/initiatives?supporting=${un.id}`).set(auth(unOfficer)).expect(200);
    expect(supported.items.map((i: { id: string }) => i.id)).toContain(initiative.id);
    await service.http.patch(`/api/v1/initiatives/${initiative.id}`).set(auth(unOfficer)).send({ status: 'suspended' }).expect(403);
    const { body: updated } = await service.http.patch(`/api/v1/initiatives/${initiative.id}`).set(auth(auOfficer)).send({ supporting: [un.id, eu.id] }).expect(200);
    expect(updated).toMatchObject({ supporting: [un.id, eu.id], version: 2 });

    const events = await eventually(async () => (await service.events()).filter((m) => m.event.subject === initiative.id), 2);
    expect(events.map((m) => m.event.type)).toEqual(['liaison.initiative.launched.v1', 'liaison.initiative.updated.v1']);
    expect(events[1].event).toMatchObject({ originorg: au.id, sequence: '2', data: { supporting: [un.id, eu.id], leadOrganizationId: au.id } });
  });

  it('AU briefs on Sudan: one green for every partner, one amber for the UN only', async () => {
    const brief = (classification: string, audience?: object) =>
      service.http
        .post('/api/v1/briefs')
        .set(auth(auOfficer))
        .send({ title: `Sudan: situation in Darfur (${classification})`, body: 'Humanitarian access remains restricted around El Fasher.', countries: ['SD'], region: 'africa', themes: ['mediation', 'humanitarian'], classification, audience })
        .expect(201);
    const { body: green } = await brief('green');
    const { body: amber } = await brief('amber', { organizations: [un.id] });
    expect(green).toMatchObject({ originOrganizationId: au.id, deskId: sudanDesk, authorId: auOfficer.id, language: 'en' });
    expect(amber.audience).toEqual({ organizations: [un.id], officers: [] });

    const listed = async (officer: Officer) =>
      (await service.http.get('/api/v1/briefs?country=SD').set(auth(officer)).expect(200)).body.items.map((b: { id: string }) => b.id);
    expect(await listed(unOfficer)).toEqual([amber.id, green.id]);
    expect(await listed(euOfficer)).toEqual([green.id]);
    await service.http.get(`/api/v1/briefs/${amber.id}`).set(auth(euOfficer)).expect(404);
    await service.http.get(`/api/v1/briefs/${amber.id}`).set(auth(unOfficer)).expect(200);

    const [published] = (await eventually(async () => (await service.events('liaison.dialogues.brief.published')).filter((m) => m.event.subject === amber.id), 1));
    expect(published.event).toMatchObject({
      classification: 'amber', originorg: au.id,
      data: { briefId: amber.id, audience: { organizations: [un.id], officers: [] }, deskId: sudanDesk, countries: ['SD'], summary: 'Humanitarian access remains restricted around El Fasher.' },
    });
    expect(published.event.data).not.toHaveProperty('body');

    // withdrawn: hidden from everyone, and said so on the stream
    await service.http.post(`/api/v1/briefs/${amber.id}/withdraw`).set(auth(unOfficer)).expect(403);
    await service.http.post(`/api/v1/briefs/${amber.id}/withdraw`).set(auth(auOfficer)).expect(200);
    await service.http.get(`/api/v1/briefs/${amber.id}`).set(auth(unOfficer)).expect(404);
    expect(await listed(unOfficer)).toEqual([green.id]);
    const withdrawn = await eventually(async () => (await service.events('liaison.dialogues.brief.withdrawn')).filter((m) => m.event.subject === amber.id), 1);
    expect(withdrawn[0].event).toMatchObject({ sequence: '2', data: { withdrawnBy: auOfficer.id } });
  });

  it('serves its OpenAPI and AsyncAPI documents, health and metrics', async () => {
    const { body: openapi } = await service.http.get('/api/v1/dialogues/openapi.json').expect(200);
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining([
      '/api/v1/dialogues', '/api/v1/dialogues/{id}/outcome', '/api/v1/dialogues/{id}/cancel', '/api/v1/recommendations/{id}/status',
      '/api/v1/briefs', '/api/v1/briefs/{id}/withdraw', '/api/v1/initiatives/{id}',
    ]));
    const { body: asyncapi } = await service.http.get('/api/v1/dialogues/asyncapi.json').expect(200);
    expect(Object.keys(asyncapi.components.schemas)).toEqual(expect.arrayContaining([
      'DialogueScheduled', 'DialogueRescheduled', 'DialogueHeld', 'DialogueCancelled', 'RecommendationAdopted',
      'RecommendationStatusChanged', 'BriefPublished', 'BriefWithdrawn', 'InitiativeLaunched', 'InitiativeUpdated',
    ]));
    await service.http.get('/health/ready').expect(200);
    const metrics = await service.http.get('/metrics').expect(200);
    expect(metrics.text).toContain('http_request_duration_seconds');
  });
  it('every event it published is a valid CloudEvent whose payload validates against libs/contracts', async () => {
    const ours = (await service.events()).filter((m) => m.event.source === '/liaison/dialogues');
    expect(new Set(ours.map((m) => m.event.type)).size).toBeGreaterThanOrEqual(9);
    for (const { event } of ours) {
      expect(validateEnvelope(event)).toEqual([]);
      expect(await validateEventData(definitionByType(event.type as string)!, event.data)).toEqual([]);
    }
  });

  it('learns of officers who join while it runs, and then lets them write', async () => {
    const newcomer = await service.registry.officer(eu);
    const refused = await service.http.post('/api/v1/briefs').set(auth(newcomer)).send({ title: 'Early', body: 'x', classification: 'green' });
    // before the event arrives the registry does not vouch for the token (401); after it, known
    expect([201, 401]).toContain(refused.status);
    await service.known([], [newcomer.id]);
    await service.http.post('/api/v1/briefs').set(auth(newcomer)).send({ title: 'Known now', body: 'x', classification: 'green' }).expect(201);
  });
});
