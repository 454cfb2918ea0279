import type { PersonRecord } from '../../model.js';
import { comparableId } from '../comparisons/id-number.js';
import { keyHash } from '../key-hash.js';
import type { BlockingRule } from './blocking-rule.js';

/**
 * ID number without its check character, split in four segments (address 0–5, year 6–9,
 * month-day 10–13, sequence 14–16);
 * one key per segment left out, so a number with one typo (or a transposition inside a segment)
 * still shares a key with the right one, while each key stays selective.
 */
export const idNumberRule: BlockingRule = {
  name: 'id_number',
  description: 'ID number with one of its four segments left out',
  prepare() {
    return (r: PersonRecord) => {
      if (!comparableId(r.id)) return 0;
      const v = r.id.value;
      const a = v.slice(0, 6);
      const b = v.slice(6, 10);
      const c = v.slice(10, 14);
      const d = v.slice(14, 17);
      return [keyHash('a', b + c, d), keyHash('b', a + c, d), keyHash('c', a + b, d), keyHash('d', a + b, c)];
    };
  },
};
