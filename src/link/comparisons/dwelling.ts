import type { PersonRecord } from '../../model.js';
import type { Comparison } from './comparison.js';

/** Dwelling: same dwelling, same village/community (12-digit code), same town (9 digits). */
export const dwelling: Comparison = {
  name: 'dwelling',
  description: 'dwelling: same dwelling key, same 12-digit area code, same 9-digit town',
  levels: [
    { label: 'null', description: 'no address on one side' },
    { label: 'exact', description: 'same dwelling' },
    { label: 'same_area', description: 'same village or community (12-digit area code)' },
    { label: 'same_town', description: 'same town (9-digit prefix)' },
    { label: 'else', description: 'different places' },
  ],
  compare(l: PersonRecord, r: PersonRecord): number {
    const a = l.dwelling;
    const b = r.dwelling;
    if (a !== '' && a === b) return 1;
    const ca = l.areaCode;
    const cb = r.areaCode;
    if (ca.length >= 9 && cb.length >= 9) {
      if (ca.length >= 12 && cb.length >= 12 && samePrefix(ca, cb, 12)) return 2;
      if (samePrefix(ca, cb, 9)) return 3;
      return 4;
    }
    if (a === '' || b === '') return 0;
    return 4;
  },
  exactValue: (r) => r.dwelling,
  exactLevel: 1,
  defaultM: [1, 0.6, 0.15, 0.1, 0.15],
};

function samePrefix(a: string, b: string, len: number): boolean {
  for (let k = 0; k < len; k++) if (a.charCodeAt(k) !== b.charCodeAt(k)) return false;
  return true;
}
