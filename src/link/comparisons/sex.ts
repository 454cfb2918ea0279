import type { PersonRecord } from '../../model.js';
import type { Comparison } from './comparison.js';

/** Sex: same or different. */
export const sex: Comparison = {
  name: 'sex',
  description: 'sex',
  levels: [
    { label: 'null', description: 'sex is missing' },
    { label: 'exact', description: 'same sex' },
    { label: 'else', description: 'different sex' },
  ],
  compare(l: PersonRecord, r: PersonRecord): number {
    if (l.sex === '' || r.sex === '') return 0;
    return l.sex === r.sex ? 1 : 2;
  },
  defaultM: [1, 0.98, 0.02],
};
