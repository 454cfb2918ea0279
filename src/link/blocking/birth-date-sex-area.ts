import { FNV_START, fnvChars } from '../../lib/fnv.js';
import type { PersonRecord } from '../../model.js';
import { fnvEnd, fnvSeparator } from '../key-hash.js';
import type { BlockingRule } from './blocking-rule.js';

/**
 * keyHash(birth date, sex, the first `digits` digits of the area code), hashed without slicing;
 * records without that many digits share 'unknown'.
 */
function birthDateSexAreaKey(digits: number) {
  return () => (r: PersonRecord) => {
    if (r.birthDate === '' || r.sex === '') return 0;
    const h = fnvSeparator(fnvChars(fnvSeparator(fnvChars(FNV_START, r.birthDate)), r.sex));
    return fnvEnd(r.areaCode.length >= digits ? fnvChars(h, r.areaCode, 0, digits) : fnvChars(h, 'unknown'));
  };
}

/**
 * Same birth date, sex and town (9-digit area prefix).
 * The county-wide version grows with the square of the county's size (a million people put some
 * thirty on each birth date and sex) for pairs that can rarely be linked: with no name in common,
 * no ID and no shared dwelling, birth date and sex alone cannot reach the match threshold. Within
 * a town the dwelling may be written too differently to agree, so the pair is still worth a look.
 */
export const birthDateSexTownRule: BlockingRule = {
  name: 'birth_date_sex_town',
  keys: 'one',
  description: 'same birth date, sex and town',
  prepare: birthDateSexAreaKey(9),
};

/** Same birth date, sex and county (6-digit area prefix): not a default, see birth_date_sex_town. */
export const birthDateSexCountyRule: BlockingRule = {
  name: 'birth_date_sex_county',
  keys: 'one',
  description: 'same birth date, sex and county',
  prepare: birthDateSexAreaKey(6),
};
