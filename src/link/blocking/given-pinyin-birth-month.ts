import type { PersonRecord } from '../../model.js';
import { FNV_START, fnvChars, fnvEnd, fnvSeparator } from '../key-hash.js';
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

/** Same given-name pinyin and birth year-month (catches surname typos and misread surnames). */
export const givenPinyinBirthMonthRule: BlockingRule = {
  name: 'given_pinyin_birth_month',
  description: 'same given-name pinyin and birth year-month',
  // keyHash(given pinyin, birth year-month), hashed without slicing
  prepare: () => (r) => {
    if (r.birthDate === '') return 0;
    const at = givenPinyinStart(r);
    if (at < 0) return 0;
    const h = fnvSeparator(fnvChars(FNV_START, r.name.pinyin, at));
    return fnvEnd(fnvSeparator(fnvChars(h, r.birthDate, 0, Math.min(7, r.birthDate.length))));
  },
};
