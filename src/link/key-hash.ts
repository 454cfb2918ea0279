import { FNV_START, fnvChars } from '../lib/fnv.js';

/**
 * 30-bit FNV-1a hash of up to three strings joined by a separator, without building the joined
 * string: block keys and frequency tables are integer-keyed (small integers keep Maps fast).
 * Collisions only add a few spurious candidate pairs, which scoring rejects.
 */
export function keyHash(a: string, b = '', c = ''): number {
  return fnvEnd(fnvChars(fnvSeparator(fnvChars(fnvSeparator(fnvChars(FNV_START, a)), b)), c));
}

// `keyHash` built step by step, for keys made of substrings: start from `FNV_START`, add characters
// with `fnvChars` / `fnvCode` (lib/fnv.ts) and parts with `fnvSeparator`, and finish with `fnvEnd`.

/** Adds the separator between two parts of a `keyHash` key. */
export function fnvSeparator(h: number): number {
  return Math.imul(h ^ 0x1f, 0x01000193);
}

/** The final `keyHash` value of an FNV-1a state. */
export function fnvEnd(h: number): number {
  return ((h >>> 2) & 0x3fffffff) || 1;
}

/**
 * keyHash(a.slice(aFrom), b.slice(0, bChars)) without slicing either string: a name's pinyin (or the
 * given name's part of it) with a prefix of the birth date, as the pinyin + date blocking rules key it.
 */
export function keyHashOfSlices(a: string, aFrom: number, b: string, bChars: number): number {
  return fnvEnd(fnvSeparator(fnvChars(fnvSeparator(fnvChars(FNV_START, a, aFrom)), b, 0, Math.min(bChars, b.length))));
}
