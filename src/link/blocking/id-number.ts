import type { PersonRecord } from '../../model.js';
import { digitsAt } from '../../normalise/normalise-date.js';
import { comparableId, idNear } from '../comparisons/id-number.js';
import { KEY_KERNELS } from './array-kernels.js';
import type { BlockingContext, BlockingRule } from './blocking-rule.js';

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
 * Keys equal `keyHash(tag, first part, second part)`, hashed from the number's digits (the
 * `id_number` kernel in array-kernels.ts), so that a blocking worker works them out itself.
 */
export const idNumberRule: BlockingRule = {
  name: 'id_number',
  keys: 'many',
  description:
    'ID number with the address, year, month or day or one sequence digit left out, or its month-day or sequence digits sorted; at most two characters apart',
  pairFilter: (a, b) => idNear(a.id.value, b.id.value),
  arrays: { columns: digitsOf, keys: 'id_number', test: 'id_near' },
  prepare(records, context) {
    const columns = digitsOf(records, context);
    const kernel = KEY_KERNELS.id_number;
    const out = new Int32Array(kernel.maxKeys);
    return (_r, i) => {
      const count = kernel.keys(columns, i, out);
      return count === 0 ? 0 : Array.from(out.subarray(0, count));
    };
  },
};

/** The context's digit columns, or the records' own. */
function digitsOf(records: readonly PersonRecord[], context: BlockingContext): readonly Int32Array[] {
  return context.idDigits?.() ?? idDigitColumns(records);
}

/**
 * Each record's comparable ID number as digits: the first nine of the 17 in column 0 (-1 for a
 * record without one), the next eight in column 1. A comparable number's first 17 characters are
 * digits (normalise-id.ts's shapes).
 */
export function idDigitColumns(records: readonly PersonRecord[]): Int32Array[] {
  const high = new Int32Array(records.length).fill(-1);
  const low = new Int32Array(records.length);
  records.forEach((r, i) => {
    if (!comparableId(r.id)) return;
    high[i] = digitsAt(r.id.value, 0, 9);
    low[i] = digitsAt(r.id.value, 9, 8);
  });
  return [high, low];
}
