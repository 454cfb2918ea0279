import type { PersonRecord } from '../../model.js';
import { keyHashOfSlices } from '../key-hash.js';
import type { BlockingRule } from './blocking-rule.js';

/** Pinyin of the given name (surname syllables dropped). */
export function givenPinyin(r: PersonRecord): string {
  const at = givenPinyinStart(r);
  return at < 0 ? '' : r.name.pinyin.slice(at);
}

/** Offset of the given name's pinyin in `name.pinyin`, or -1 when there is none. */
function givenPinyinStart(r: PersonRecord): number {
  const { pinyin, surname } = r.name;
  if (pinyin === '' || r.name.given === '') return -1;
  let skip = 0;
  for (const _ of surname) skip++;
  let at = 0;
  for (let i = 0; i < skip; i++) {
    const sp = pinyin.indexOf(' ', at);
    if (sp < 0) return -1;
    at = sp + 1;
  }
  return at < pinyin.length ? at : -1;
}

/** keyHash(given pinyin, the first `dateChars` characters of the birth date). */
function givenPinyinDateKey(dateChars: number) {
  return () => (r: PersonRecord) => {
    if (r.birthDate === '') return 0;
    const at = givenPinyinStart(r);
    return at < 0 ? 0 : keyHashOfSlices(r.name.pinyin, at, r.birthDate, dateChars);
  };
}

/** Same given-name pinyin and birth year-month (catches surname typos and misread surnames). */
export const givenPinyinBirthMonthRule: BlockingRule = {
  name: 'given_pinyin_birth_month',
  keys: 'one',
  description: 'same given-name pinyin and birth year-month',
  prepare: givenPinyinDateKey(7),
};

/**
 * Same given-name pinyin and birth date: the surname-typo rule at a size that stays linear. The
 * year-month version puts every 伟 or 芳 born in a month together, county-wide, which grows with the
 * square of the county; a surname typo together with a wrong birth day and no ID is rare.
 */
export const givenPinyinBirthDateRule: BlockingRule = {
  name: 'given_pinyin_birth_date',
  keys: 'one',
  description: 'same given-name pinyin and birth date',
  prepare: givenPinyinDateKey(10),
};
