import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import { DeskOpenedEvent, OfficerJoinedEvent, OrganizationRegisteredEvent, RECLASSIFICATION_EVENTS, SERVICES, asyncApiDocument, definitionsOf } from './index';

// Parses the generated documents with the AsyncAPI parser (and its Spectral rules), offline.
describe('the AsyncAPI document', () => {
  const parser = new Parser();

  const parse = async (document: Record<string, unknown>) => {
    const { document: parsed, diagnostics } = await parser.parse(JSON.stringify(document));
    const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
    return { parsed, errors };
  };

  it.each(SERVICES.map((s) => [s]))('of %s parses without errors and sends every event of the service', async (service) => {
    const { parsed, errors } = await parse(asyncApiDocument({ service, title: `Liaison ${service}`, version: '1.0.0' }));

    expect(errors).toEqual([]);
    expect(parsed).toBeDefined();
    const sent = parsed!.operations().filterBySend().flatMap((o) => o.channels().all().map((c) => c.address()));
    // One send operation per subject, whatever the number of versions on it.
    expect(sent.sort()).toEqual([...new Set(definitionsOf(service).map((d) => d.subject))].sort());
    const messageNames = parsed!.messages().all().map((m) => m.name());
    for (const d of definitionsOf(service)) expect(messageNames).toContain(d.type);
  });

  it('receives the events a service consumes, with their payload schema', async () => {
    const consumes = [OrganizationRegisteredEvent, DeskOpenedEvent, OfficerJoinedEvent];
    const document = asyncApiDocument({ service: 'notifications', consumes, title: 'Liaison notifications', version: '1.0.0' });
    const { parsed, errors } = await parse(document);

    expect(errors).toEqual([]);
    const received = parsed!.operations().filterByReceive().flatMap((o) => o.channels().all().map((c) => c.address()));
    expect(received.sort()).toEqual(consumes.map((d) => d.subject).sort());
    const officer = parsed!.messages().all().find((m) => m.name() === OfficerJoinedEvent.type)!;
    const data = officer.payload()!.properties()!['data'];
    expect(Object.keys(data.properties()!)).toEqual(expect.arrayContaining(['officerId', 'email', 'language', 'roles']));
    expect(Object.keys(data.properties()!)).not.toContain('password');
  });

  it('of the whole catalog parses without errors, the data schemas generated from the classes', async () => {
    const document = asyncApiDocument({ title: 'Liaison', version: '1.0.0' });
    const { errors } = await parse(document);
    expect(errors).toEqual([]);

    const schemas = (document.components as { schemas: Record<string, Record<string, unknown>> }).schemas;
    expect(schemas['BriefPublished']).toMatchObject({
      type: 'object',
      additionalProperties: false,
      required: expect.arrayContaining(['briefId', 'title', 'language', 'countries', 'themes', 'classification', 'audience', 'publishedAt']),
      properties: expect.objectContaining({
        countries: { type: 'array', items: { $ref: '#/components/schemas/CountryCode' } },
        publishedAt: { type: 'string', format: 'date-time' },
        audience: { $ref: '#/components/schemas/AudienceDto' },
      }),
    });
    expect(schemas['BriefPublished'].required).not.toContain('summary');
  });

  it('declares a reclassification of each classified record as an event of its own, with the new reach and no content', async () => {
    const document = asyncApiDocument({ title: 'Liaison', version: '1.0.0' });
    const { parsed, errors } = await parse(document);
    expect(errors).toEqual([]);
    const names = parsed!.messages().all().map((m) => m.name());
    for (const definition of RECLASSIFICATION_EVENTS) {
      expect(names).toContain(definition.type);
      const schema = (document.components as { schemas: Record<string, { required: string[]; properties: object }> }).schemas[definition.payload.name];
      expect(schema.required).toEqual(
        expect.arrayContaining(['classification', 'audience', 'originOrganizationId', 'authorId', 'previousClassification', 'reclassifiedBy', 'reclassifiedAt']),
      );
      expect(Object.keys(schema.properties)).not.toEqual(expect.arrayContaining(['title']));
    }
    expect(RECLASSIFICATION_EVENTS.map((d) => d.type).sort()).toEqual([
      'liaison.brief.reclassified.v1',
      'liaison.dialogue.reclassified.v1',
      'liaison.initiative.reclassified.v1',
      'liaison.programme.reclassified.v1',
    ]);
  });
});
