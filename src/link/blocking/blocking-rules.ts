import { birthDateSexCountyRule, birthDateSexTownRule } from './birth-date-sex-area.js';
import type { BlockingRule, BlockingRuleName } from './blocking-rule.js';
import { dwellingRule } from './dwelling.js';
import { givenPinyinBirthDateRule, givenPinyinBirthMonthRule } from './given-pinyin-birth-month.js';
import { householdRule } from './household.js';
import { idNumberRule } from './id-number.js';
import { motherIdRule } from './mother-id.js';
import { namePinyinBirthMonthRule, namePinyinBirthYearRule } from './name-pinyin-birth-year.js';
import { surnameBirthDateRule } from './surname-birth-date.js';

/** The blocking-rule registry; the pipeline file picks and orders the rules by name. */
export const blockingRules: Readonly<Record<BlockingRuleName, BlockingRule>> = {
  id_number: idNumberRule,
  dwelling: dwellingRule,
  household: householdRule,
  name_pinyin_birth_year: namePinyinBirthYearRule,
  name_pinyin_birth_month: namePinyinBirthMonthRule,
  birth_date_sex_town: birthDateSexTownRule,
  birth_date_sex_county: birthDateSexCountyRule,
  surname_birth_date: surnameBirthDateRule,
  given_pinyin_birth_date: givenPinyinBirthDateRule,
  given_pinyin_birth_month: givenPinyinBirthMonthRule,
  mother_id: motherIdRule,
};
