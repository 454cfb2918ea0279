import type { PersonRecord } from '../model.js';
import { comparisons } from './comparisons/comparisons.js';

/** Strides that pack one level per comparison into a single pattern code. */
export const PATTERN_STRIDES: readonly number[] = (() => {
  const out: number[] = [];
  let s = 1;
  for (const c of comparisons) {
    out.push(s);
    s *= c.levels.length;
  }
  return out;
})();

/** Number of distinct comparison patterns (product of level counts). */
export const PATTERN_COUNT = comparisons.reduce((p, c) => p * c.levels.length, 1);

/** Comparison vector of a pair packed into one integer. */
export function comparisonPattern(l: PersonRecord, r: PersonRecord): number {
  let code = 0;
  for (let c = 0; c < comparisons.length; c++) code += comparisons[c]!.compare(l, r) * PATTERN_STRIDES[c]!;
  return code;
}

/** Level of comparison `c` in a pattern code. */
export function patternLevel(code: number, c: number): number {
  return Math.floor(code / PATTERN_STRIDES[c]!) % comparisons[c]!.levels.length;
}
