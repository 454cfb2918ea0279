import { keyHash } from '../key-hash.js';
import type { BlockingRule } from './blocking-rule.js';

/** Same dialect-folded pinyin of the name and same birth year (catches homophones and n/l confusions). */
export const namePinyinBirthYearRule: BlockingRule = {
  name: 'name_pinyin_birth_year',
  description: 'same folded name pinyin and birth year',
  prepare: () => (r) =>
    r.name.pinyinFuzzy === '' || r.birthDate === '' ? 0 : keyHash(r.name.pinyinFuzzy, r.birthDate.slice(0, 4)),
};
