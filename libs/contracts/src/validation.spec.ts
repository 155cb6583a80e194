import { BriefPublishedEvent, COUNTRIES, EVENT_CATALOG, EXAMPLE_DATA, validateEventData } from './index';

// Payload classes against plain JSON, as a consumer receives it.
describe('validateEventData', () => {
  const brief = () => JSON.parse(JSON.stringify(EXAMPLE_DATA['liaison.brief.published.v1']));

  it.each(EVENT_CATALOG.map((d) => [d.type, d] as const))('accepts the example payload of %s', async (type, definition) => {
    const data = JSON.parse(JSON.stringify(EXAMPLE_DATA[type]));
    expect(await validateEventData(definition, data)).toEqual([]);
  });

  it('names a missing field', async () => {
    const { title: _, ...untitled } = brief();
    const errors = await validateEventData(BriefPublishedEvent, untitled);
    expect(errors.map((e) => e.field)).toEqual(expect.arrayContaining(['title']));
    expect(errors.every((e) => e.field === 'title')).toBe(true);
  });

  it('names an unknown field', async () => {
    const errors = await validateEventData(BriefPublishedEvent, { ...brief(), body: 'the full text' });
    expect(errors).toEqual([{ field: 'body', message: 'property body should not exist' }]);
  });

  it('names a field of the wrong type', async () => {
    const errors = await validateEventData(BriefPublishedEvent, { ...brief(), countries: 'ML' });
    expect(errors.map((e) => e.field)).toEqual(expect.arrayContaining(['countries']));
  });

  it('names a nested field by its path', async () => {
    const data = { ...brief(), audience: { organizations: ['AU'], officers: [] } };
    const errors = await validateEventData(BriefPublishedEvent, data);
    expect(errors.map((e) => e.field)).toEqual(['audience.organizations']);
  });

  it('rejects an unknown field inside a nested object', async () => {
    const data = { ...brief(), audience: { organizations: [], officers: [], everyone: true } };
    expect((await validateEventData(BriefPublishedEvent, data)).map((e) => e.field)).toEqual(['audience.everyone']);
  });

  it('rejects values outside the vocabularies: theme, language, lower-case country, time without offset', async () => {
    const errors = await validateEventData(BriefPublishedEvent, {
      ...brief(),
      themes: ['gossip'],
      language: 'de',
      countries: ['ml'],
      publishedAt: '2026-11-04T08:30:00',
    });
    expect(errors.map((e) => e.field).sort()).toEqual(['countries', 'language', 'publishedAt', 'themes']);
  });

  it('rejects data that is not an object', async () => {
    expect(await validateEventData(BriefPublishedEvent, 'brief')).toEqual([{ field: 'data', message: 'data must be a JSON object' }]);
    expect(await validateEventData(BriefPublishedEvent, null)).toHaveLength(1);
  });

  it('knows the 249 officially assigned ISO 3166-1 alpha-2 codes', () => {
    expect(COUNTRIES).toHaveLength(249);
    expect(COUNTRIES).toEqual(expect.arrayContaining(['SD', 'ML', 'SS', 'PS', 'TW', 'XK'.replace('XK', 'CW')]));
    expect(COUNTRIES).not.toContain('XK');
  });
});
