import { summaryOf } from './brief.view';

/** The rule as first written: the whole body collapsed, then clipped. */
function summaryOfWholeBody(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length > 280 ? `${line.slice(0, 279)}…` : line;
}

describe('a brief summary', () => {
  it('is the body on one line, whitespace runs made one space, clipped to 280 characters with an ellipsis', () => {
    expect(summaryOf('  Ceasefire\n\n holds\tin  Kordofan. ')).toBe('Ceasefire holds in Kordofan.');
    const long = `${'word '.repeat(100)}end`;
    expect(summaryOf(long)).toHaveLength(280);
    expect(summaryOf(long).endsWith('…')).toBe(true);
  });

  it('is the same as collapsing the whole body, whatever the body (long, whitespace at any cut, Arabic)', () => {
    const pieces = ['الوضع الإنساني', 'El Fasher', ' ', '\n\n', '\t', '   ', 'x'.repeat(97), ' '.repeat(1_200), 'ceasefire'];
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    for (let sample = 0; sample < 2_000; sample++) {
      const length = next() % 400;
      const body = Array.from({ length }, () => pieces[next() % pieces.length]).join('');
      expect(summaryOf(body)).toBe(summaryOfWholeBody(body));
    }
    for (const body of ['', ' ', 'a', ' '.repeat(5_000), `${'a'.repeat(281)}`, `${'a'.repeat(280)}`, `${'a '.repeat(560)}`, `${' '.repeat(1_119)}${'b'.repeat(300)}`]) {
      expect(summaryOf(body)).toBe(summaryOfWholeBody(body));
    }
  });
});
