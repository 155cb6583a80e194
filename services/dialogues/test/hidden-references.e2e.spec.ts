import { auth, Officer, Organization, RunningDialogues, startTestDialogues } from './harness';

// Real: Postgres and NATS of this file's own. A record the caller may see names a dialogue (its
// series' previous one, the one a brief was written for) only if the caller may see that one too:
// an id alone would tell that a hidden dialogue exists (ARCHITECTURE.md, "Who may see what").
describe('a visible record never names a dialogue the caller may not see', () => {
  let service: RunningDialogues;
  let au: Organization, eu: Organization, oas: Organization;
  let auOfficer: Officer, euOfficer: Officer, oasOfficer: Officer;
  let closed: { id: string; seriesId: string };
  let open: { id: string; seriesId: string };
  let brief: string;

  const read = (who: Officer, path: string) => service.http.get(`/api/v1${path}`).set(auth(who)).expect(200);
  const inList = async (who: Officer, path: string, id: string) => (await read(who, path)).body.items.find((item: { id: string }) => item.id === id);

  beforeAll(async () => {
    service = await startTestDialogues('hidden_references', async (registry) => {
      au = await registry.organization('AU');
      eu = await registry.organization('EU', 'regional', 'europe');
      oas = await registry.organization('OAS', 'regional', 'americas');
      auOfficer = await registry.officer(au);
      euOfficer = await registry.officer(eu);
      oasOfficer = await registry.officer(oas);
    });
    await service.known([au.id, eu.id, oas.id], [auOfficer.id, euOfficer.id, oasOfficer.id]);
    const schedule = (body: Record<string, unknown>) =>
      service.http.post('/api/v1/dialogues').set(auth(auOfficer)).send({ kind: 'consultation', participants: [au.id, eu.id], startsAt: '2027-03-01T09:00:00Z', ...body }).expect(201);
    // AU and EU consult in confidence (amber: the two of them), then meet openly (green: every partner)
    closed = (await schedule({ title: 'AU–EU closed consultation on the Sahel', classification: 'amber' })).body;
    open = (await schedule({ title: 'AU–EU Sahel meeting', classification: 'green', startsAt: '2027-06-01T09:00:00Z', previousDialogueId: closed.id })).body;
    brief = (await service.http.post('/api/v1/briefs').set(auth(auOfficer)).send({ title: 'Sahel corridors', body: 'Humanitarian corridors in the Sahel', classification: 'green', dialogueId: closed.id }).expect(201)).body.id;
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('a series has an id of its own, not its first dialogue’s', () => {
    expect(open.seriesId).toBe(closed.seriesId);
    expect([closed.id, open.id]).not.toContain(closed.seriesId);
  });

  it('OAS, who may see only the open meeting, is not told the closed one continued by it: not in one read, a list or the series', async () => {
    expect((await read(oasOfficer, `/dialogues/${open.id}`)).body).toMatchObject({ id: open.id, previousDialogueId: null, carriedOverRecommendations: [] });
    expect(await inList(oasOfficer, '/dialogues', open.id)).toMatchObject({ previousDialogueId: null });
    expect((await read(oasOfficer, `/dialogues?seriesId=${open.seriesId}`)).body.items.map((d: { id: string }) => d.id)).toEqual([open.id]);
    expect(JSON.stringify((await read(oasOfficer, '/dialogues')).body)).not.toContain(closed.id);
  });

  it('OAS is not told which hidden dialogue a brief it may read was written for: not in one read, a list or a search', async () => {
    expect((await read(oasOfficer, `/briefs/${brief}`)).body).toMatchObject({ id: brief, dialogueId: null });
    expect(await inList(oasOfficer, '/briefs', brief)).toMatchObject({ dialogueId: null });
    expect(await inList(oasOfficer, '/briefs?q=corridors', brief)).toMatchObject({ dialogueId: null });
  });

  it('EU, who took part in both, sees the links', async () => {
    expect((await read(euOfficer, `/dialogues/${open.id}`)).body.previousDialogueId).toBe(closed.id);
    expect(await inList(euOfficer, '/dialogues', open.id)).toMatchObject({ previousDialogueId: closed.id });
    expect((await read(euOfficer, `/dialogues?seriesId=${open.seriesId}`)).body.items.map((d: { id: string }) => d.id).sort()).toEqual([closed.id, open.id].sort());
    expect((await read(euOfficer, `/briefs/${brief}`)).body.dialogueId).toBe(closed.id);
    expect(await inList(euOfficer, '/briefs', brief)).toMatchObject({ dialogueId: closed.id });
  });

  it('once AU keeps the closed consultation to itself, EU loses the links too, and AU keeps them', async () => {
    await service.http.patch(`/api/v1/dialogues/${closed.id}`).set(auth(auOfficer)).send({ classification: 'amber-strict' }).expect(200);
    expect((await read(euOfficer, `/dialogues/${open.id}`)).body.previousDialogueId).toBeNull();
    expect((await read(euOfficer, `/briefs/${brief}`)).body.dialogueId).toBeNull();
    expect((await read(auOfficer, `/dialogues/${open.id}`)).body.previousDialogueId).toBe(closed.id);
    expect((await read(auOfficer, `/briefs/${brief}`)).body.dialogueId).toBe(closed.id);
  });
});
