import type { Classification } from '../api/views';
import { TLP } from './tlp';

/** The TLP label as the standard shows it: coloured capitals on black, always left to right. */
export function TlpLabel({ classification }: { classification: Classification }) {
  const { label, color } = TLP[classification] ?? TLP.amber;
  return (
    <span
      dir="ltr"
      data-tlp={classification}
      style={{ background: '#000', color, fontWeight: 700, fontFamily: 'ui-monospace, monospace', padding: '1px 6px', borderRadius: 3, fontSize: '0.8rem', whiteSpace: 'nowrap' }}
    >
      {label}
    </span>
  );
}
