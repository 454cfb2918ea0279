import type { PersonRecord } from '../../model.js';
import type { Comparison } from './comparison.js';

/** Birth date (YYYY-MM-DD): exact, one digit off, day/month swapped, same year and month. */
export const birthDate: Comparison = {
  name: 'birth_date',
  description: 'birth date: exact, one-digit typo, day/month swap, same year-month',
  levels: [
    { label: 'null', description: 'a birth date is missing' },
    { label: 'exact', description: 'same birth date' },
    { label: 'one_digit', description: 'one digit different' },
    { label: 'day_month_swap', description: 'day and month swapped' },
    { label: 'year_month', description: 'same year and month' },
    { label: 'else', description: 'different birth dates' },
  ],
  compare(l: PersonRecord, r: PersonRecord): number {
    const a = l.birthDate;
    const b = r.birthDate;
    if (a.length !== 10 || b.length !== 10) return 0;
    if (a === b) return 1;
    let diff = 0;
    for (let i = 0; i < 10; i++) if (a.charCodeAt(i) !== b.charCodeAt(i) && ++diff > 1) break;
    if (diff === 1) return 2;
    if (same(a, 0, b, 0, 4) && same(a, 5, b, 8, 2) && same(a, 8, b, 5, 2)) return 3;
    if (same(a, 0, b, 0, 7)) return 4;
    return 5;
  },
  exactValue: (r) => (r.birthDate.length === 10 ? r.birthDate : ''),
  exactLevel: 1,
  defaultM: [1, 0.9, 0.04, 0.01, 0.02, 0.03],
};

/** a[i..i+len) === b[j..j+len), without slicing. */
function same(a: string, i: number, b: string, j: number, len: number): boolean {
  for (let k = 0; k < len; k++) if (a.charCodeAt(i + k) !== b.charCodeAt(j + k)) return false;
  return true;
}
