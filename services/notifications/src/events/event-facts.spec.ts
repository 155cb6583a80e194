import { EVENT_CATALOG, exampleEvent, RECLASSIFICATION_EVENTS } from '@liaison/contracts';
import { TEMPLATES } from '../messages/templates';
import { assertEveryEventIsRead, factsOf, isReclassification, NOTIFIED_TYPES, type NotifiedType } from './event-facts';

describe('event facts and templates are keyed by the catalog', () => {
  it('a type that is not in the catalog fails the type-check (npx tsc), so a rename cannot drift', () => {
    // @ts-expect-error not a type of the catalog (a renamed one would be the same)
    const renamed: NotifiedType = 'liaison.dialogue.moved.v1';
    expect(NOTIFIED_TYPES).not.toContain(renamed);
  });

  it('covers every domain event of the catalog, and nothing else', () => {
    const domain = EVENT_CATALOG.filter((d) => d.service !== 'notifications').map((d) => d.type);
    expect([...NOTIFIED_TYPES].sort()).toEqual([...domain].sort());
    expect(Object.keys(TEMPLATES).sort()).toEqual(domain.filter((type) => !type.endsWith('.reclassified.v1')).sort());
    expect(() => assertEveryEventIsRead()).not.toThrow();
  });

  it.each(RECLASSIFICATION_EVENTS.map((d) => [d.type]))('%s: the record\'s new reach and link, kept as the record\'s (no items)', (type) => {
    const event = exampleEvent(type);
    const facts = factsOf(event);
    const data = event.data as { classification: string; audience: object; originOrganizationId: string; authorId: string };
    expect(isReclassification(type)).toBe(true);
    expect(facts.record).toBe(true);
    expect(facts.resource).toEqual({ classification: data.classification, audience: data.audience, originOrganizationId: data.originOrganizationId, authorId: data.authorId });
    const aggregate = type.split('.')[1];
    expect(facts.link).toBe(`/${aggregate}s/${(event.data as unknown as Record<string, unknown>)[`${aggregate}Id`]}`);
    expect(facts.concernedOrganizations).toEqual([]);
  });
});
