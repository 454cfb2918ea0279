import type { PersonRecord } from '../../model.js';
import { comparableId, idNear } from '../comparisons/id-number.js';
import { FNV_START, fnvChars, fnvEnd, fnvSeparator } from '../key-hash.js';
import type { BlockingRule } from './blocking-rule.js';

const TAG_A = 'a'.charCodeAt(0);

/**
 * ID number without its check character, split in four segments (address 0–5, year 6–9,
 * month-day 10–13, sequence 14–16);
 * one key per segment left out, so a number with one typo (or a transposition inside a segment)
 * still shares a key with the right one. Leaving out the sequence segment keeps everyone born on
 * one day in one county together (a block that grows with the county), so a pair must also be
 * near in the whole number: at most two of the first 17 characters differ.
 * Keys equal `keyHash(tag, kept segments, last kept segment)`, hashed without slicing the number.
 */
export const idNumberRule: BlockingRule = {
  name: 'id_number',
  description: 'ID number with one of its four segments left out, at most two characters apart',
  pairFilter: (a, b) => idNear(a.id.value, b.id.value),
  prepare() {
    const tag = (t: number): number => fnvSeparator(Math.imul(FNV_START ^ (TAG_A + t), 0x01000193));
    const [ta, tb, tc, td] = [tag(0), tag(1), tag(2), tag(3)] as [number, number, number, number];
    return (r: PersonRecord) => {
      if (!comparableId(r.id)) return 0;
      const v = r.id.value;
      const ab = fnvSeparator(fnvChars(fnvChars(tc, v, 0, 6), v, 6, 10));
      return [
        fnvEnd(fnvChars(fnvSeparator(fnvChars(ta, v, 6, 14)), v, 14, 17)),
        fnvEnd(fnvChars(fnvSeparator(fnvChars(fnvChars(tb, v, 0, 6), v, 10, 14)), v, 14, 17)),
        fnvEnd(fnvChars(ab, v, 14, 17)),
        fnvEnd(fnvChars(fnvSeparator(fnvChars(td, v, 0, 10)), v, 10, 14)),
      ];
    };
  },
};
