import { CloudEvent } from 'cloudevents';
import { BriefPublishedEvent, EVENT_CATALOG, EXAMPLE_DATA, createEvent, exampleEvent, newEventId, validateEnvelope } from './index';

// Pure functions over the CloudEvents SDK: no database or broker involved.
describe('the event envelope', () => {
  const originorg = '0190a0a0-0000-7000-8000-000000000001';
  const brief = EXAMPLE_DATA['liaison.brief.published.v1'];

  const event = () =>
    createEvent(BriefPublishedEvent, {
      subject: brief.briefId,
      data: brief,
      classification: 'amber',
      originorg,
      sequence: 1,
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    });

  it('createEvent makes a CloudEvent the SDK accepts in strict mode, extensions as strings', () => {
    const created = event();
    const cloudEvent = new CloudEvent(JSON.parse(JSON.stringify(created)), true);

    expect(cloudEvent.validate()).toBe(true);
    expect(cloudEvent.type).toBe('liaison.brief.published.v1');
    expect(cloudEvent.source).toBe('/liaison/dialogues');
    expect(cloudEvent.specversion).toBe('1.0');
    for (const extension of ['classification', 'originorg', 'sequence', 'traceparent']) {
      expect(typeof (cloudEvent as unknown as Record<string, unknown>)[extension]).toBe('string');
    }
    expect(created.sequence).toBe('1');
    expect(validateEnvelope(created)).toEqual([]);
  });

  it('uses UUIDv7 ids, increasing with time', () => {
    const [a, b] = [newEventId(), newEventId()];
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(event().id.charAt(14)).toBe('7');
    expect(a < b).toBe(true);
  });

  it.each([
    ['classification', { classification: 'yellow' }],
    ['originorg', { originorg: 'AU' }],
    ['sequence', { sequence: '01' }],
    ['sequence', { sequence: 3 }],
    ['traceparent', { traceparent: '00-xyz' }],
    ['type', { type: 'brief.published' }],
    ['source', { source: '/liaison/elsewhere' }],
    ['subject', { subject: 'not-a-uuid' }],
    ['data.classification', { classification: 'red' }],
  ])('validateEnvelope names %s when it breaks a rule', (field, change) => {
    const errors = validateEnvelope({ ...event(), ...change });
    expect(errors.map((e) => e.field)).toContain(field);
  });

  it.each(['id', 'time', 'type', 'source', 'originorg', 'sequence', 'classification'])(
    'validateEnvelope reports a missing %s, even where the SDK would fill it in',
    (field) => {
      const incomplete: Record<string, unknown> = { ...event() };
      delete incomplete[field];
      expect(validateEnvelope(incomplete).map((e) => e.field)).toContain(field);
    },
  );

  it('validateEnvelope relays what the SDK rejects: an attribute name CloudEvents forbids', () => {
    const errors = validateEnvelope({ ...event(), originOrg: 'x' });
    expect(errors).toEqual([expect.objectContaining({ field: 'event', message: expect.stringContaining('CloudEvents: invalid extension name: originOrg') })]);
  });

  it('validateEnvelope names a time that is not an RFC 3339 date-time', () => {
    expect(validateEnvelope({ ...event(), time: 'yesterday' }).map((e) => e.field)).toContain('time');
  });

  it('validateEnvelope accepts an event without traceparent', () => {
    const { traceparent: _, ...untraced } = event();
    expect(validateEnvelope(untraced)).toEqual([]);
  });

  it.each(EVENT_CATALOG.map((d) => [d.type]))('the example event of %s (shown in the AsyncAPI document) is a valid envelope', (type) => {
    expect(validateEnvelope(exampleEvent(type))).toEqual([]);
  });
});
