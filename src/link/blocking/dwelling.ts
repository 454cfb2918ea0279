import { keyHash } from '../key-hash.js';
import type { BlockingRule } from './blocking-rule.js';

/** Same canonical dwelling. */
export const dwellingRule: BlockingRule = {
  name: 'dwelling',
  keys: 'one',
  description: 'same dwelling key',
  prepare: () => (r) => (r.dwelling === '' ? 0 : keyHash(r.dwelling)),
};
