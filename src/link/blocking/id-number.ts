import { FNV_START, fnvChars, fnvCode } from '../../lib/fnv.js';
import type { PersonRecord } from '../../model.js';
import { comparableId, idNear } from '../comparisons/id-number.js';
import { fnvEnd, fnvSeparator } from '../key-hash.js';
import type { BlockingRule } from './blocking-rule.js';

const TAG_A = 'a'.charCodeAt(0);

/**
 * Keys that a number with one typo (or one adjacent transposition) shares with the right one,
 * while each stays selective. The number without its check character is address 0–5, year 6–9,
 * month-day 10–13 and sequence 14–16:
 * - one key with the address left out (a) and one with the year left out (b);
 * - for month and day, one key with the month left out (c), one with the day left out (h) and one
 *   with the four digits sorted (i), which a transposition anywhere in them keeps;
 * - for the sequence, one key per digit left out (d, e, f) and one with its digits sorted (g),
 *   which a transposition inside the sequence keeps.
 * A key with month and day left out together, as before, put everyone born in one year with one
 * sequence number into a block that grows with the county: at a million persons its blocks held
 * 18.4 M pairs of records, against 1.6 M, 2.5 M and 1.2 M for the three keys that replace it
 * (1.1 M pairs are the same person's records, which every key joins).
 * Leaving the whole sequence out, as the first version did, kept only address and birth date:
 * everyone born on one day in one county, a block that grows with the county (6.4 M pairs visited
 * at a million persons, 11× those at 300k, for 3.3× the records).
 * Keys equal `keyHash(tag, first part, second part)`, hashed without slicing the number.
 */
export const idNumberRule: BlockingRule = {
  name: 'id_number',
  keys: 'many',
  description:
    'ID number with the address, year, month or day or one sequence digit left out, or its month-day or sequence digits sorted; at most two characters apart',
  pairFilter: (a, b) => idNear(a.id.value, b.id.value),
  prepare() {
    const tag = (t: number): number => fnvSeparator(fnvCode(FNV_START, TAG_A + t));
    const [ta, tb, tc, td, te, tf, tg, th, ti] = [0, 1, 2, 3, 4, 5, 6, 7, 8].map(tag) as [number, number, number, number, number, number, number, number, number];
    return (r: PersonRecord) => {
      if (!comparableId(r.id)) return 0;
      const v = r.id.value;
      return [
        fnvEnd(fnvChars(fnvSeparator(fnvChars(ta, v, 6, 14)), v, 14, 17)),
        fnvEnd(fnvChars(fnvSeparator(fnvChars(fnvChars(tb, v, 0, 6), v, 10, 14)), v, 14, 17)),
        fnvEnd(fnvChars(fnvSeparator(fnvChars(fnvChars(tc, v, 0, 10), v, 12, 14)), v, 14, 17)),
        fnvEnd(fnvChars(fnvSeparator(fnvChars(th, v, 0, 12)), v, 14, 17)),
        fnvEnd(fnvChars(fnvSeparator(fnvSortedChars(fnvChars(ti, v, 0, 10), v, 10, 14)), v, 14, 17)),
        fnvEnd(fnvChars(withDate(td, v), v, 15, 17)),
        fnvEnd(fnvChars(fnvChars(withDate(te, v), v, 14, 15), v, 16, 17)),
        fnvEnd(fnvChars(withDate(tf, v), v, 14, 16)),
        fnvEnd(fnvSortedChars(withDate(tg, v), v, 14, 17)),
      ];
    };
  },
};

/** A tag's FNV state after address and birth date (characters 0–13) and the separator. */
function withDate(tag: number, v: string): number {
  return fnvSeparator(fnvChars(tag, v, 0, 14));
}

const sortScratch = new Int32Array(4);

/** Adds the characters v[from..to) (at most four) in ascending order: a transposition among them keeps the state. */
function fnvSortedChars(h: number, v: string, from: number, to: number): number {
  const n = to - from;
  for (let i = 0; i < n; i++) {
    const c = v.charCodeAt(from + i);
    let j = i;
    for (; j > 0 && sortScratch[j - 1]! > c; j--) sortScratch[j] = sortScratch[j - 1]!;
    sortScratch[j] = c;
  }
  for (let i = 0; i < n; i++) h = fnvCode(h, sortScratch[i]!);
  return h;
}
