import { audienceListsOf, audienceProblems, effectiveAudience } from './audience';

const org = '00000000-0000-4000-8000-0000000000a2';
const officer = '00000000-0000-4000-8000-0000000000b5';

describe('audience coherence', () => {
  it('knows which list each level reads', () => {
    expect(audienceListsOf('clear')).toEqual([]);
    expect(audienceListsOf('green')).toEqual([]);
    expect(audienceListsOf('amber')).toEqual(['organizations']);
    expect(audienceListsOf('amber-strict')).toEqual([]);
    expect(audienceListsOf('red')).toEqual(['officers']);
  });

  it('amber must name organizations', () => {
    expect(audienceProblems('amber', { organizations: [], officers: [officer] })).toEqual([
      { field: 'audience.organizations', message: expect.stringMatching(/^amber .*name at least one/), code: 'audienceRequired', params: { classification: 'amber' } },
    ]);
    expect(audienceProblems('amber', undefined)).toHaveLength(1);
    expect(audienceProblems('amber', { organizations: [org], officers: [] })).toEqual([]);
  });

  it('red must name officers', () => {
    expect(audienceProblems('red', { organizations: [org], officers: [] })).toEqual([
      { field: 'audience.officers', message: expect.stringMatching(/^red .*name at least one/), code: 'audienceRequired', params: { classification: 'red' } },
    ]);
    expect(audienceProblems('red', null)).toHaveLength(1);
    expect(audienceProblems('red', { organizations: [], officers: [officer] })).toEqual([]);
  });

  it.each(['clear', 'green', 'amber-strict'] as const)('%s needs no audience and accepts one', (level) => {
    expect(audienceProblems(level, undefined)).toEqual([]);
    expect(audienceProblems(level, { organizations: [org], officers: [officer] })).toEqual([]);
  });

  it('keeps only the lists that take effect, without repeats', () => {
    const both = { organizations: [org, org], officers: [officer] };
    expect(effectiveAudience('amber', both)).toEqual({ organizations: [org], officers: [] });
    expect(effectiveAudience('red', both)).toEqual({ organizations: [], officers: [officer] });
    expect(effectiveAudience('green', both)).toEqual({ organizations: [], officers: [] });
    expect(effectiveAudience('amber-strict', undefined)).toEqual({ organizations: [], officers: [] });
  });
});
