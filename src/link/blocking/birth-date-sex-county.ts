import { keyHash } from '../key-hash.js';
import type { BlockingRule } from './blocking-rule.js';

/** Same birth date, sex and county (6-digit area prefix; records without an area code share 'unknown'). */
export const birthDateSexCountyRule: BlockingRule = {
  name: 'birth_date_sex_county',
  description: 'same birth date, sex and county',
  prepare: () => (r) =>
    r.birthDate === '' || r.sex === '' ? 0 : keyHash(r.birthDate, r.sex, r.areaCode.length >= 6 ? r.areaCode.slice(0, 6) : 'unknown'),
};
