import { contentMayLeave } from './content-leaves';

describe('which levels travel with their content (e-mail, webhooks)', () => {
  it.each([
    ['clear', true],
    ['green', true],
    ['amber', true],
    ['amber-strict', false],
    ['red', false],
  ])('%s → %s', (level, leaves) => {
    expect(contentMayLeave(level)).toBe(leaves);
  });

  it('an unknown level (bad data) travels without content', () => {
    expect(contentMayLeave('white')).toBe(false);
    expect(contentMayLeave('')).toBe(false);
  });
});
