import { Client } from 'pg';
import { auth, eventually, Officer, Organization, RunningDialogues, startTestDialogues } from './harness';

// Real: Postgres and NATS of this file's own. Who may change a record's reach (classification,
// audience, participants, convenor): its origin organization only; other participants keep
// the rest of what they may do, and a removed participant loses what it saw only as one.
describe('who may change the reach of a dialogue or an initiative', () => {
  let service: RunningDialogues;
  let database: Client;
  let un: Organization, au: Organization, eu: Organization, oas: Organization;
  let unOfficer: Officer, unAdmin: Officer, auOfficer: Officer, euOfficer: Officer, oasOfficer: Officer;
  const nobody = '0190c2a4-0000-7000-8000-000000000000';

  beforeAll(async () => {
    service = await startTestDialogues('record_reach', async (registry) => {
      un = await registry.organization('UN', 'united-nations', 'global');
      au = await registry.organization('AU');
      eu = await registry.organization('EU', 'regional', 'europe');
      oas = await registry.organization('OAS', 'regional', 'americas');
      unOfficer = await registry.officer(un);
      unAdmin = await registry.officer(un, { roles: ['officer', 'admin'] });
      auOfficer = await registry.officer(au);
      euOfficer = await registry.officer(eu);
      oasOfficer = await registry.officer(oas);
    });
    await service.known([un.id, au.id, eu.id, oas.id], [unOfficer.id, unAdmin.id, auOfficer.id, euOfficer.id, oasOfficer.id]);
    database = new Client({ connectionString: service.databaseUrl });
    await database.connect();
  });

  afterAll(async () => {
    await database.end();
    await service.stop();
  });

  async function footprint(table: string, id?: string) {
    const { rows } = await database.query(
      `SELECT (SELECT count(*) FROM ${table})::int AS records,
              (SELECT max(version) FROM ${table} WHERE $1::uuid IS NULL OR id = $1::uuid)::int AS version,
              (SELECT count(*) FROM outbox)::int AS outbox,
              (SELECT count(*) FROM audit_log)::int AS audit`,
      [id ?? null],
    );
    return rows[0];
  }

  function expectProblem(response: { status: number; headers: Record<string, string>; body: Record<string, unknown> }, status: number, fields?: string[]) {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status, detail: expect.any(String) });
    if (fields) expect((response.body.errors as Array<{ field: string }>).map((e) => e.field)).toEqual(expect.arrayContaining(fields));
  }

  const schedule = (who: Officer, body: Record<string, unknown>) =>
    service.http.post('/api/v1/dialogues').set(auth(who)).send({ kind: 'desk-to-desk', title: 'AU–EU on the Sahel', startsAt: '2026-02-01T09:00:00Z', ...body });
  const patch = (who: Officer, path: string, body: Record<string, unknown>) => service.http.patch(`/api/v1${path}`).set(auth(who)).send(body);
  const read = (who: Officer, path: string) => service.http.get(`/api/v1${path}`).set(auth(who));

  describe('a dialogue convened by AU, with EU taking part', () => {
    let red: string;
    let amber: string;

    beforeAll(async () => {
      red = (await schedule(auOfficer, { participants: [au.id, eu.id], classification: 'red', audience: { officers: [euOfficer.id] } }).expect(201)).body.id;
      amber = (await schedule(auOfficer, { participants: [au.id, eu.id, oas.id], classification: 'amber' }).expect(201)).body.id;
    });

    it.each([
      ['declassify it to clear', () => ({ classification: 'clear' })],
      ['change its audience', () => ({ audience: { officers: [euOfficer.id, oasOfficer.id] } })],
      ['add a participant', () => ({ participants: [au.id, eu.id, oas.id] })],
    ])('EU, a participant, may not %s: 403, and nothing is written', async (_case, bodyOf) => {
      const body = bodyOf();
      const before = await footprint('dialogues', red);
      expectProblem(await patch(euOfficer, `/dialogues/${red}`, body), 403);
      expect(await footprint('dialogues', red)).toEqual(before);
      expect((await read(oasOfficer, `/dialogues/${red}`)).status).toBe(404);
    });

    it('EU may still move it, resend its unchanged classification, and record its outcome', async () => {
      const moved = await patch(euOfficer, `/dialogues/${red}`, { startsAt: '2026-02-02T09:00:00Z', classification: 'red', location: 'Addis Ababa' }).expect(200);
      expect(moved.body).toMatchObject({ location: 'Addis Ababa', classification: 'red', audience: { officers: [euOfficer.id] } });
      await service.http.post(`/api/v1/dialogues/${red}/outcome`).set(auth(euOfficer)).send({ summary: 'Two joint steps.', heldOn: '2026-02-02' }).expect(200);
    });

    it('a participant AU removes loses sight of the amber dialogue, and of its recommendations', async () => {
      const recommendation = (await service.http.post('/api/v1/recommendations').set(auth(auOfficer)).send({ dialogueId: amber, text: 'Share early-warning data' }).expect(201)).body.id;
      await read(oasOfficer, `/dialogues/${amber}`).expect(200);
      await read(oasOfficer, `/recommendations/${recommendation}`).expect(200);

      const narrowed = await patch(auOfficer, `/dialogues/${amber}`, { participants: [au.id, eu.id] }).expect(200);
      expect(narrowed.body.audience.organizations).toEqual([eu.id]);
      expect((await read(oasOfficer, `/dialogues/${amber}`)).status).toBe(404);
      expect((await read(oasOfficer, `/recommendations/${recommendation}`)).status).toBe(404);
      expect((await read(oasOfficer, '/dialogues')).body.items.map((d: { id: string }) => d.id)).not.toContain(amber);
      await read(euOfficer, `/dialogues/${amber}`).expect(200);
    });

    it('an organization named in the audience stays when it is no longer a participant', async () => {
      const named = (await schedule(auOfficer, { participants: [au.id, eu.id], classification: 'amber', audience: { organizations: [oas.id] } }).expect(201)).body.id;
      await patch(auOfficer, `/dialogues/${named}`, { participants: [au.id], audience: { organizations: [oas.id] } }).expect(200);
      await read(oasOfficer, `/dialogues/${named}`).expect(200);
      expect((await read(euOfficer, `/dialogues/${named}`)).status).toBe(404);
    });

    it('AU raising the level publishes dialogue.reclassified (alone: nothing else changed) with the new reach', async () => {
      const before = (await read(auOfficer, `/dialogues/${amber}`).expect(200)).body;
      const raised = await patch(auOfficer, `/dialogues/${amber}`, { classification: 'amber-strict' }).expect(200);
      expect(raised.body).toMatchObject({ classification: 'amber-strict', audience: { organizations: [], officers: [] }, version: before.version + 1 });
      expect((await read(euOfficer, `/dialogues/${amber}`)).status).toBe(404);
      const [event] = await eventually(async () => (await service.events('liaison.dialogues.dialogue.reclassified')).filter((m) => m.event.subject === amber && m.event.sequence === String(before.version + 1)), 1);
      expect(event.event).toMatchObject({ type: 'liaison.dialogue.reclassified.v1', classification: 'amber-strict', sequence: String(before.version + 1), originorg: au.id });
      expect(event.event.data).toEqual({
        dialogueId: amber, classification: 'amber-strict', audience: { organizations: [], officers: [] }, originOrganizationId: au.id, authorId: auOfficer.id,
        previousClassification: 'amber', reclassifiedBy: auOfficer.id, reclassifiedAt: expect.any(String),
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      const rescheduled = (await service.events('liaison.dialogues.dialogue.rescheduled')).filter((m) => m.event.subject === amber);
      expect(rescheduled.map((m) => m.event.sequence)).not.toContain(String(before.version + 1));
    });

    it('moving it and changing its participants publishes dialogue.reclassified, then dialogue.rescheduled, in order', async () => {
      const before = (await read(auOfficer, `/dialogues/${amber}`).expect(200)).body;
      await patch(auOfficer, `/dialogues/${amber}`, { participants: [au.id, eu.id, oas.id], classification: 'amber', startsAt: '2027-03-01T09:00:00Z' }).expect(200);
      const ofAmber = async () => (await service.events()).filter((m) => m.event.subject === amber && Number(m.event.sequence) > before.version);
      const events = await eventually(ofAmber, 2);
      expect(events.map((m) => [m.event.type, m.event.sequence])).toEqual([
        ['liaison.dialogue.reclassified.v1', String(before.version + 1)],
        ['liaison.dialogue.rescheduled.v1', String(before.version + 2)],
      ]);
      await read(oasOfficer, `/dialogues/${amber}`).expect(200);
    });
  });

  describe('a dialogue already held, or cancelled', () => {
    const heldDialogue = async () => {
      const id = (await schedule(auOfficer, { participants: [au.id, eu.id, oas.id], classification: 'amber' }).expect(201)).body.id;
      await service.http.post(`/api/v1/dialogues/${id}/outcome`).set(auth(auOfficer)).send({ summary: 'Two joint steps.', heldOn: '2026-02-01' }).expect(200);
      return id;
    };

    it('its convenor may still raise it: the dialogue and its recommendations leave those who lost sight, by dialogue.reclassified alone', async () => {
      const held = await heldDialogue();
      const recommendation = (await service.http.post('/api/v1/recommendations').set(auth(auOfficer)).send({ dialogueId: held, text: 'Share early-warning data' }).expect(201)).body.id;
      await read(oasOfficer, `/recommendations/${recommendation}`).expect(200);
      const before = (await read(auOfficer, `/dialogues/${held}`).expect(200)).body;

      const raised = await patch(auOfficer, `/dialogues/${held}`, { classification: 'red', audience: { officers: [euOfficer.id] } }).expect(200);
      expect(raised.body).toMatchObject({ status: 'held', classification: 'red', outcome: before.outcome, startsAt: before.startsAt, version: before.version + 1 });
      expect((await read(oasOfficer, `/dialogues/${held}`)).status).toBe(404);
      expect((await read(oasOfficer, `/recommendations/${recommendation}`)).status).toBe(404);
      await read(euOfficer, `/recommendations/${recommendation}`).expect(200);
      const events = await eventually(async () => (await service.events()).filter((m) => m.event.subject === held && Number(m.event.sequence) > before.version), 1);
      expect(events.map((m) => m.event.type)).toEqual(['liaison.dialogue.reclassified.v1']);
    });

    it('a cancelled one too', async () => {
      const cancelled = (await schedule(auOfficer, { participants: [au.id, eu.id, oas.id], classification: 'amber' }).expect(201)).body.id;
      await service.http.post(`/api/v1/dialogues/${cancelled}/cancel`).set(auth(euOfficer)).expect(200);
      await patch(auOfficer, `/dialogues/${cancelled}`, { classification: 'amber-strict' }).expect(200);
      expect((await read(euOfficer, `/dialogues/${cancelled}`)).status).toBe(404);
    });

    it.each([
      ['the convenor changes what it says', () => ({ title: 'Another title', classification: 'red' }), 409],
      ['the convenor moves it', () => ({ startsAt: '2027-05-01T09:00:00Z' }), 409],
      ['the convenor changes who took part', () => ({ participants: [au.id, eu.id] }), 409],
      ['a participant raises it', () => ({ classification: 'amber-strict' }), 403],
    ])('nothing else changes once it was held (%s): nothing is written', async (_case, bodyOf, status) => {
      const held = await heldDialogue();
      const before = await footprint('dialogues', held);
      const who = status === 403 ? euOfficer : auOfficer;
      expectProblem(await patch(who, `/dialogues/${held}`, bodyOf()), status);
      expect(await footprint('dialogues', held)).toEqual(before);
    });

    it('resending its unchanged reach changes nothing and publishes nothing', async () => {
      const held = await heldDialogue();
      const before = await footprint('dialogues', held);
      await patch(euOfficer, `/dialogues/${held}`, { classification: 'amber' }).expect(200);
      expect(await footprint('dialogues', held)).toEqual(before);
    });
  });

  describe('the convenor', () => {
    it('an officer may not name another organization as convenor: 403, nothing written', async () => {
      const before = await footprint('dialogues');
      expectProblem(await schedule(euOfficer, { participants: [au.id, eu.id], convenorOrganizationId: au.id }), 403);
      expect(await footprint('dialogues')).toEqual(before);
    });

    it('a convenor must be a participant: 400 naming convenorOrganizationId', async () => {
      const before = await footprint('dialogues');
      expectProblem(await schedule(auOfficer, { participants: [eu.id], convenorOrganizationId: au.id }), 400, ['convenorOrganizationId']);
      expect(await footprint('dialogues')).toEqual(before);
    });

    it('an unknown convenor is a 400 naming convenorOrganizationId, even from a UN admin', async () => {
      const before = await footprint('dialogues');
      expectProblem(await schedule(unAdmin, { participants: [au.id, nobody], convenorOrganizationId: nobody }), 400, ['convenorOrganizationId']);
      expect(await footprint('dialogues')).toEqual(before);
    });

    it('a UN admin may record a dialogue convened by another organization, which then owns its reach', async () => {
      const recorded = await schedule(unAdmin, { participants: [au.id, eu.id], convenorOrganizationId: au.id, classification: 'amber' }).expect(201);
      expect(recorded.body).toMatchObject({ convenorOrganizationId: au.id, originOrganizationId: au.id });
      await patch(auOfficer, `/dialogues/${recorded.body.id}`, { classification: 'amber-strict' }).expect(200);
      // a UN officer who is not an admin may not record it for AU
      expectProblem(await schedule(unOfficer, { participants: [au.id, un.id], convenorOrganizationId: au.id }), 403);
    });
  });

  describe('a series', () => {
    it('is continued only by an organization that took part in its previous dialogue: an outsider who sees it may not take its one next place', async () => {
      const previous = (await schedule(auOfficer, { participants: [au.id, eu.id], title: 'AU–EU annual meeting 2027', startsAt: '2027-02-01T09:00:00Z' }).expect(201)).body;
      const before = await footprint('dialogues');
      // OAS sees the green meeting, but took no part in it
      expectProblem(await schedule(oasOfficer, { participants: [oas.id], title: 'OAS meeting', previousDialogueId: previous.id }), 403);
      expect(await footprint('dialogues')).toEqual(before);
      // nor may a UN admin record it for an organization that took no part
      expectProblem(await schedule(unAdmin, { participants: [oas.id], convenorOrganizationId: oas.id, previousDialogueId: previous.id }), 403);
      expect(await footprint('dialogues')).toEqual(before);
      // EU, a participant, may convene the next one of the series
      const next = await schedule(euOfficer, { participants: [au.id, eu.id], title: 'AU–EU annual meeting 2028', startsAt: '2028-02-01T09:00:00Z', previousDialogueId: previous.id }).expect(201);
      expect(next.body).toMatchObject({ previousDialogueId: previous.id, seriesId: previous.seriesId, convenorOrganizationId: eu.id });
    });
  });

  describe('a brief by AU, amber for EU', () => {
    let brief: string;

    beforeAll(async () => {
      brief = (await service.http.post('/api/v1/briefs').set(auth(auOfficer)).send({ title: 'Sahel', body: 'Text', classification: 'amber', audience: { organizations: [eu.id] } }).expect(201)).body.id;
    });

    it('EU, in its audience, may not declassify it or widen its audience: 403, nothing written', async () => {
      const before = await footprint('briefs', brief);
      expectProblem(await patch(euOfficer, `/briefs/${brief}`, { classification: 'clear' }), 403);
      expectProblem(await patch(euOfficer, `/briefs/${brief}`, { audience: { organizations: [eu.id, oas.id] } }), 403);
      expect(await footprint('briefs', brief)).toEqual(before);
      expect((await read(oasOfficer, `/briefs/${brief}`)).status).toBe(404);
    });

    it('bad input on the change is a 400 naming the field, and writes nothing', async () => {
      const before = await footprint('briefs', brief);
      expectProblem(await patch(auOfficer, `/briefs/${brief}`, { classification: 'red' }), 400, ['audience.officers']);
      expectProblem(await patch(auOfficer, `/briefs/${brief}`, { audience: { organizations: [nobody] } }), 400, ['audience.organizations']);
      expectProblem(await patch(auOfficer, `/briefs/${brief}`, { title: 'Renamed' }), 400, ['title']);
      expect(await footprint('briefs', brief)).toEqual(before);
    });

    it('AU raising it to amber-strict hides it from EU and publishes brief.reclassified', async () => {
      const raised = await patch(auOfficer, `/briefs/${brief}`, { classification: 'amber-strict' }).expect(200);
      expect(raised.body).toMatchObject({ classification: 'amber-strict', version: 2 });
      expect((await read(euOfficer, `/briefs/${brief}`)).status).toBe(404);
      expect((await read(euOfficer, '/briefs')).body.items.map((b: { id: string }) => b.id)).not.toContain(brief);
      const [event] = await eventually(async () => (await service.events('liaison.dialogues.brief.reclassified')).filter((m) => m.event.subject === brief), 1);
      expect(event.event).toMatchObject({ classification: 'amber-strict', sequence: '2' });
      expect(event.event.data).toMatchObject({ briefId: brief, previousClassification: 'amber', reclassifiedBy: auOfficer.id, audience: { organizations: [], officers: [] } });
      expect(JSON.stringify(event.event.data)).not.toContain('Text');
    });
  });

  describe('an initiative led by AU, supported by EU and OAS', () => {
    let initiative: string;

    beforeAll(async () => {
      initiative = (await service.http.post('/api/v1/initiatives').set(auth(auOfficer)).send({ title: 'AU mediation', leadOrganizationId: au.id, supporting: [eu.id, oas.id], classification: 'amber' }).expect(201)).body.id;
    });

    it('a supporter may not declassify it: 403, nothing written', async () => {
      const before = await footprint('initiatives', initiative);
      expectProblem(await patch(euOfficer, `/initiatives/${initiative}`, { classification: 'clear' }), 403);
      expect(await footprint('initiatives', initiative)).toEqual(before);
    });

    it('a supporter AU removes loses sight of it; the change is published as initiative.reclassified and initiative.updated', async () => {
      await read(oasOfficer, `/initiatives/${initiative}`).expect(200);
      const narrowed = await patch(auOfficer, `/initiatives/${initiative}`, { supporting: [eu.id] }).expect(200);
      expect(narrowed.body.audience.organizations).toEqual([eu.id]);
      expect((await read(oasOfficer, `/initiatives/${initiative}`)).status).toBe(404);
      await read(euOfficer, `/initiatives/${initiative}`).expect(200);
      const events = await eventually(async () => (await service.events()).filter((m) => m.event.subject === initiative && m.event.sequence !== '1'), 2);
      expect(events.map((m) => [m.event.type, m.event.sequence])).toEqual([
        ['liaison.initiative.reclassified.v1', '2'],
        ['liaison.initiative.updated.v1', '3'],
      ]);
      expect(events[0].event.data).toMatchObject({ initiativeId: initiative, classification: 'amber', audience: { organizations: [eu.id] }, previousClassification: 'amber' });
    });
  });
});
