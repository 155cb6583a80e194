import { EVENT_CATALOG } from '@liaison/contracts';
import { TEMPLATES } from '../messages/templates';
import { assertEveryEventIsRead, NOTIFIED_TYPES, type NotifiedType } from './event-facts';

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
});
