import type { PersonRecord } from '../../model.js';
import { keyHash } from '../key-hash.js';
import type { BlockingRule } from './blocking-rule.js';

/** Pinyin of the given name (surname syllables dropped). */
export function givenPinyin(r: PersonRecord): string {
  const { pinyin, surname } = r.name;
  if (pinyin === '' || r.name.given === '') return '';
  let skip = 0;
  for (const _ of surname) skip++;
  let at = 0;
  for (let i = 0; i < skip; i++) {
    const sp = pinyin.indexOf(' ', at);
    if (sp < 0) return '';
    at = sp + 1;
  }
  return pinyin.slice(at);
}

/** Same given-name pinyin and birth year-month (catches surname typos and misread surnames). */
export const givenPinyinBirthMonthRule: BlockingRule = {
  name: 'given_pinyin_birth_month',
  description: 'same given-name pinyin and birth year-month',
  prepare: () => (r) => {
    if (r.birthDate === '') return 0;
    const g = givenPinyin(r);
    return g === '' ? 0 : keyHash(g, r.birthDate.slice(0, 7));
  },
};
