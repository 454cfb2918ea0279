import type { IdNumber, PersonRecord } from '../../model.js';
import type { Comparison } from './comparison.js';

/** True when the ID can take part in a comparison (18 characters that are an ID, checked or not). */
export function comparableId(id: IdNumber): boolean {
  return id.value.length === 18 && (id.quality === 'valid' || id.quality === 'check_failed');
}

/**
 * True when two different 18-character numbers agree on the first 17 characters up to one
 * substitution or one adjacent transposition (the check character is ignored: a typed typo keeps
 * the old one, a system that re-issued it recomputes it).
 */
export function idOneOff(a: string, b: string): boolean {
  if (a.length !== 18 || b.length !== 18 || a === b) return false;
  let first = -1;
  let diffs = 0;
  for (let i = 0; i < 17; i++) {
    if (a.charCodeAt(i) !== b.charCodeAt(i)) {
      if (++diffs > 2) return false;
      if (first < 0) first = i;
      else if (i !== first + 1) return false;
    }
  }
  if (diffs <= 1) return true;
  return a[first] === b[first + 1] && a[first + 1] === b[first];
}

/**
 * True when two 18-character numbers differ in at most two of their first 17 characters: one
 * typo, a transposition or two typos. What a number with its typos has in common with the right one,
 * and not what two people born on the same day in the same county have.
 */
export function idNear(a: string, b: string): boolean {
  if (a.length !== 18 || b.length !== 18) return false;
  let diffs = 0;
  for (let i = 0; i < 17; i++) if (a.charCodeAt(i) !== b.charCodeAt(i) && ++diffs > 2) return false;
  return true;
}

/** ID number: exact, one digit or one adjacent transposition off; null when either side has none. */
export const idNumber: Comparison = {
  name: 'id_number',
  description: 'ID number: exact, one typo (digit or adjacent transposition)',
  levels: [
    { label: 'null', description: 'no usable ID number on one side' },
    { label: 'exact', description: 'same ID number' },
    { label: 'one_off', description: 'one digit or one adjacent transposition different (check character ignored)' },
    { label: 'else', description: 'different ID numbers' },
  ],
  compare(l: PersonRecord, r: PersonRecord): number {
    if (!comparableId(l.id) || !comparableId(r.id)) return 0;
    const a = l.id.value;
    const b = r.id.value;
    if (a === b) return 1;
    return idOneOff(a, b) ? 2 : 3;
  },
  exactValue: (r) => (comparableId(r.id) ? r.id.value : ''),
  exactLevel: 1,
  defaultM: [1, 0.6, 0.35, 0.05],
};
