import { keyHash } from '../key-hash.js';
import type { BlockingRule } from './blocking-rule.js';

/** Same surname and birth date (catches typos in the given name). */
export const surnameBirthDateRule: BlockingRule = {
  name: 'surname_birth_date',
  keys: 'one',
  description: 'same surname and birth date',
  prepare: () => (r) => (r.name.surname === '' || r.birthDate === '' ? 0 : keyHash(r.name.surname, r.birthDate)),
};
