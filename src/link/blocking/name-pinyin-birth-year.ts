import { FNV_START, fnvChars, fnvEnd, fnvSeparator } from '../key-hash.js';
import type { BlockingRule } from './blocking-rule.js';

/** Same dialect-folded pinyin of the name and same birth year (catches homophones and n/l confusions). */
export const namePinyinBirthYearRule: BlockingRule = {
  name: 'name_pinyin_birth_year',
  description: 'same folded name pinyin and birth year',
  // keyHash(pinyinFuzzy, birth year), hashed without slicing the date
  prepare: () => (r) =>
    r.name.pinyinFuzzy === '' || r.birthDate === ''
      ? 0
      : fnvEnd(fnvSeparator(fnvChars(fnvSeparator(fnvChars(FNV_START, r.name.pinyinFuzzy)), r.birthDate, 0, Math.min(4, r.birthDate.length)))),
};
