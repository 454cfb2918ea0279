import { FNV_START, fnvChars, fnvEnd, fnvSeparator } from '../key-hash.js';
import type { BlockingRule } from './blocking-rule.js';

/** Same birth date, sex and county (6-digit area prefix; records without an area code share 'unknown'). */
export const birthDateSexCountyRule: BlockingRule = {
  name: 'birth_date_sex_county',
  description: 'same birth date, sex and county',
  // keyHash(birthDate, sex, county), hashed without slicing the area code
  prepare: () => (r) => {
    if (r.birthDate === '' || r.sex === '') return 0;
    const h = fnvSeparator(fnvChars(fnvSeparator(fnvChars(FNV_START, r.birthDate)), r.sex));
    return fnvEnd(r.areaCode.length >= 6 ? fnvChars(h, r.areaCode, 0, 6) : fnvChars(h, 'unknown'));
  },
};
