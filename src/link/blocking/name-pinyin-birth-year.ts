import type { PersonRecord } from '../../model.js';
import { keyHashOfSlices } from '../key-hash.js';
import type { BlockingRule } from './blocking-rule.js';

/** keyHash(folded pinyin, the first `dateChars` characters of the birth date). */
function pinyinDateKey(dateChars: number) {
  return () => (r: PersonRecord) =>
    r.name.pinyinFuzzy === '' || r.birthDate === '' ? 0 : keyHashOfSlices(r.name.pinyinFuzzy, 0, r.birthDate, dateChars);
}

/**
 * Same dialect-folded pinyin of the name and same birth year (catches homophones and n/l
 * confusions together with a wrong month or day). Not a default: everyone called 张伟 born in one
 * year is one block county-wide, so its pairs grow with the square of the county (at a million
 * persons it made 482,000 of 1.6 M candidate pairs and 9 of the 42 s of linkage, for one link).
 */
export const namePinyinBirthYearRule: BlockingRule = {
  name: 'name_pinyin_birth_year',
  keys: 'one',
  description: 'same folded name pinyin and birth year',
  prepare: pinyinDateKey(4),
};

/**
 * Same dialect-folded pinyin of the name and same birth year-month: homophones, dialect confusions
 * and exact names together with a wrong birth day (the usual date typo), in blocks a twelfth the
 * size of the birth-year rule's.
 */
export const namePinyinBirthMonthRule: BlockingRule = {
  name: 'name_pinyin_birth_month',
  keys: 'one',
  description: 'same folded name pinyin and birth year-month',
  prepare: pinyinDateKey(7),
};
