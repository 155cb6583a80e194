import { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { auth, eventually, Officer, Organization, RunningDialogues, startTestDialogues, tokenFor } from './harness';

// Real Postgres and NATS. Briefs posted at the same moment are group-committed (several in one
// transaction): each request must still be checked, refused and traced on its own, and get its
// 201 only for a brief that is committed with its event and audit entry.
describe('briefs posted at once', () => {
  let service: RunningDialogues;
  let database: Client;
  let un: Organization, au: Organization, eu: Organization;
  const officers: Officer[] = [];
  let hiddenDialogue: string;

  beforeAll(async () => {
    service = await startTestDialogues('brief_group_commit', async (registry) => {
      un = await registry.organization('UN', 'united-nations', 'global');
      au = await registry.organization('AU');
      eu = await registry.organization('EU', 'regional', 'europe');
      for (const organization of [un, au, eu, un, au, eu]) officers.push(await registry.officer(organization));
    });
    await service.known([un.id, au.id, eu.id], officers.map((officer) => officer.id));
    database = new Client({ connectionString: service.databaseUrl });
    await database.connect();
    hiddenDialogue = (
      await service.http
        .post('/api/v1/dialogues')
        .set(auth(officers[1]))
        .send({ kind: 'retreat', title: 'AU only', participants: [au.id], startsAt: '2026-12-03T09:00:00Z', classification: 'amber-strict' })
        .expect(201)
    ).body.id;
  });

  afterAll(async () => {
    await database.end();
    await service.stop();
  });

  it('each request is answered on its own, and each brief commits with its own event and audit entry', async () => {
    const stranger = await tokenFor(uuidv7(), un.id);
    const unknownOrganization = uuidv7();
    type Kind = 'ok' | 'unknown-audience' | 'stranger' | 'hidden-dialogue';
    const kinds: Kind[] = Array.from({ length: 40 }, (_, index) =>
      index % 10 === 3 ? 'unknown-audience' : index % 10 === 6 ? 'stranger' : index % 10 === 8 ? 'hidden-dialogue' : 'ok',
    );
    const requests = kinds.map((kind, index) => {
      // A UN officer asks for the AU's amber-strict retreat: not a participant, so may not see it.
      const author = kind === 'hidden-dialogue' ? officers[0] : officers[index % officers.length];
      const traceId = index.toString(16).padStart(32, 'a');
      const body: Record<string, unknown> = { title: `Brief ${index}`, body: `Situation report number ${index}.`, classification: 'green', countries: ['SD'] };
      if (kind === 'unknown-audience') Object.assign(body, { classification: 'amber', audience: { organizations: [unknownOrganization] } });
      if (kind === 'hidden-dialogue') Object.assign(body, { dialogueId: hiddenDialogue });
      return {
        kind,
        index,
        author,
        requestId: `brief-${index}`,
        traceId,
        send: () =>
          service.http
            .post('/api/v1/briefs')
            .set(kind === 'stranger' ? auth(stranger) : auth(author))
            .set('x-request-id', `brief-${index}`)
            .set('traceparent', `00-${traceId}-00f067aa0ba902b7-01`)
            .send(body),
      };
    });

    const responses = await Promise.all(requests.map((r) => r.send()));

    const published = new Map<string, (typeof requests)[number]>();
    responses.forEach((response, index) => {
      const r = requests[index];
      if (r.kind === 'ok') {
        expect(response.status).toBe(201);
        expect(response.body).toMatchObject({ title: `Brief ${r.index}`, authorId: r.author.id, originOrganizationId: r.author.organizationId });
        published.set(response.body.id, r);
      } else if (r.kind === 'stranger') {
        // a token whose officer the registry does not know is not honoured
        expect(response.status).toBe(401);
      } else {
        expect(response.status).toBe(400);
        const field = r.kind === 'unknown-audience' ? 'audience.organizations' : 'dialogueId';
        expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual([field]);
      }
    });
    expect(published.size).toBe(28);

    const briefs = await database.query<{ id: string; title: string; author_id: string; xmin: string }>('SELECT id, title, author_id, xmin::text FROM briefs');
    expect(new Set(briefs.rows.map((row) => row.id))).toEqual(new Set(published.keys()));
    for (const row of briefs.rows) expect(row.author_id).toBe(published.get(row.id)!.author.id);
    // They were written together: fewer transactions than briefs.
    expect(new Set(briefs.rows.map((row) => row.xmin)).size).toBeLessThan(briefs.rows.length);

    // Each brief's event and audit entry carry its own request's trace and request id.
    const outbox = await database.query<{ subject: string; event: { subject: string; traceparent: string; data: { publishedAt: string } } }>(
      `SELECT subject, event::jsonb AS event FROM outbox WHERE event::jsonb ->> 'type' = 'liaison.brief.published.v1'`,
    );
    expect(outbox.rows).toHaveLength(28);
    const createdAt = new Map(
      (await database.query<{ id: string; created_at: Date }>('SELECT id, created_at FROM briefs')).rows.map((row) => [row.id, row.created_at.toISOString()]),
    );
    for (const row of outbox.rows) {
      const request = published.get(row.event.subject)!;
      expect(row.event.traceparent.split('-')[1]).toBe(request.traceId);
      // The event states the moment the brief was stored, which the API gives too.
      expect(row.event.data.publishedAt).toBe(createdAt.get(row.event.subject));
    }
    responses
      .filter((response) => response.status === 201)
      .forEach((response) => expect(response.body.publishedAt).toBe(createdAt.get(response.body.id)));
    const audit = await database.query<{ resource_id: string; request_id: string; actor_officer_id: string; traceparent: string }>(
      `SELECT resource_id, request_id, actor_officer_id, traceparent FROM audit_log WHERE action = 'brief.published'`,
    );
    expect(audit.rows).toHaveLength(28);
    for (const row of audit.rows) {
      const request = published.get(row.resource_id)!;
      expect(row).toMatchObject({ request_id: request.requestId, actor_officer_id: request.author.id });
      expect(row.traceparent.split('-')[1]).toBe(request.traceId);
    }

    // And the events reach the stream, once each.
    const onStream = await eventually(async () => (await service.events('liaison.dialogues.brief.published')).map((message) => message.event.subject), 28);
    expect(new Set(onStream)).toEqual(new Set(published.keys()));
  });
});
