import { keyHash } from '../key-hash.js';
import type { BlockingRule } from './blocking-rule.js';

/** Same household of the same source (enumeration household_id, register household_no). */
export const householdRule: BlockingRule = {
  name: 'household',
  keys: 'one',
  description: 'same household within one source',
  prepare: () => (r) => (r.household === '' ? 0 : keyHash(r.source, r.household)),
};
