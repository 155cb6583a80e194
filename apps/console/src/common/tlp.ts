import type { Classification } from '../api/views';

/**
 * FIRST's Traffic Light Protocol 2.0: each level's label and the colours the standard gives it
 * (the label in its colour on black; CLEAR white on black).
 */
export const TLP: Record<Classification, { label: string; color: string }> = {
  clear: { label: 'TLP:CLEAR', color: '#FFFFFF' },
  green: { label: 'TLP:GREEN', color: '#33FF00' },
  amber: { label: 'TLP:AMBER', color: '#FFC000' },
  'amber-strict': { label: 'TLP:AMBER+STRICT', color: '#FFC000' },
  red: { label: 'TLP:RED', color: '#FF2B2B' },
};

export const CLASSIFICATIONS: Classification[] = ['clear', 'green', 'amber', 'amber-strict', 'red'];
