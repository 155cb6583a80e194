import { InvalidInput } from './domain-error';
import { assertRecordedDay } from './recorded-day';

const NOW = new Date('2026-12-07T16:00:00Z');
const SESSION = { startsAt: new Date('2026-12-01T09:00:00Z'), code: 'notBeforeSessionStart', what: 'the session' };

function refusal(run: () => void): unknown {
  try {
    run();
  } catch (error) {
    return error instanceof InvalidInput ? error.errors : error;
  }
  return 'accepted';
}

describe('a day recorded as done', () => {
  it('may be the officer’s own today wherever they are (UTC+14), and not a day later', () => {
    expect(refusal(() => assertRecordedDay('completedOn', '2026-12-08', undefined, NOW))).toBe('accepted');
    expect(refusal(() => assertRecordedDay('completedOn', '2026-12-09', undefined, NOW))).toEqual([
      expect.objectContaining({ field: 'completedOn', code: 'notInFuture', params: { max: '2026-12-08' } }),
    ]);
  });

  it('may be the start’s day where it is furthest behind (UTC-12), and not a day earlier', () => {
    expect(refusal(() => assertRecordedDay('heldOn', '2026-11-30', SESSION, NOW))).toBe('accepted');
    expect(refusal(() => assertRecordedDay('heldOn', '2026-11-29', SESSION, NOW))).toEqual([
      expect.objectContaining({ field: 'heldOn', code: 'notBeforeSessionStart', params: { min: '2026-11-30' }, message: expect.stringContaining('before the session starts') }),
    ]);
  });

  it('has no earliest day without a start', () => {
    expect(refusal(() => assertRecordedDay('completedOn', '1990-01-01', undefined, NOW))).toBe('accepted');
  });
});
