import { FNV_START, fnvCode } from '../../lib/fnv.js';
import { fnvEnd, fnvSeparator } from '../key-hash.js';

/*
 * What a blocking worker runs for a rule (`BlockingRule.arrays`): it has no records, only the
 * columns of numbers the rule made of them on the main thread. A key kernel gives the keys the
 * rule's key function gives, a pair test decides pairs as its `pairFilter` does.
 */

/** Writes record i's keys (keyHash values, none 0) to `out` and returns how many; at most `maxKeys`. */
export interface KeyKernel {
  maxKeys: number;
  keys(columns: readonly Int32Array[], i: number, out: Int32Array): number;
}

export type PairTest = (columns: readonly Int32Array[], a: number, b: number) => boolean;

/*
 * ID numbers as digits: the first nine of the 17 in column 0, the next eight in column 1, and -1
 * in column 0 for a record without a comparable number (idDigitColumns in id-number.ts).
 */

/** The 17 digits' character codes of record i (scratch, overwritten by the next call). */
const codes = new Int32Array(17);
function unpack(columns: readonly Int32Array[], i: number): boolean {
  let high = columns[0]![i]!;
  if (high < 0) return false;
  let low = columns[1]![i]!;
  for (let j = 16; j >= 9; j--) {
    codes[j] = 48 + (low % 10);
    low = Math.floor(low / 10);
  }
  for (let j = 8; j >= 0; j--) {
    codes[j] = 48 + (high % 10);
    high = Math.floor(high / 10);
  }
  return true;
}

/** Adds codes[from..to) to an FNV state. */
function add(h: number, from: number, to: number): number {
  for (let j = from; j < to; j++) h = fnvCode(h, codes[j]!);
  return h;
}

const sortScratch = new Int32Array(4);
/** Adds codes[from..to) (at most four) in ascending order: a transposition among them keeps the state. */
function addSorted(h: number, from: number, to: number): number {
  const n = to - from;
  for (let i = 0; i < n; i++) {
    const c = codes[from + i]!;
    let j = i;
    for (; j > 0 && sortScratch[j - 1]! > c; j--) sortScratch[j] = sortScratch[j - 1]!;
    sortScratch[j] = c;
  }
  for (let i = 0; i < n; i++) h = fnvCode(h, sortScratch[i]!);
  return h;
}

const tag = (t: number): number => fnvSeparator(fnvCode(FNV_START, 'a'.charCodeAt(0) + t));
const [TA, TB, TC, TD, TE, TF, TG, TH, TI] = [0, 1, 2, 3, 4, 5, 6, 7, 8].map(tag) as [number, number, number, number, number, number, number, number, number];
/** A tag's FNV state after address and birth date (digits 0–13) and the separator. */
const withDate = (t: number): number => fnvSeparator(add(t, 0, 14));

export const KEY_KERNELS = {
  /** The id_number rule's nine keys (see id-number.ts), as keyHash(tag, first part, second part). */
  id_number: {
    maxKeys: 9,
    keys(columns, i, out) {
      if (!unpack(columns, i)) return 0;
      out[0] = fnvEnd(add(fnvSeparator(add(TA, 6, 14)), 14, 17));
      out[1] = fnvEnd(add(fnvSeparator(add(add(TB, 0, 6), 10, 14)), 14, 17));
      out[2] = fnvEnd(add(fnvSeparator(add(add(TC, 0, 10), 12, 14)), 14, 17));
      out[3] = fnvEnd(add(fnvSeparator(add(TH, 0, 12)), 14, 17));
      out[4] = fnvEnd(add(fnvSeparator(addSorted(add(TI, 0, 10), 10, 14)), 14, 17));
      out[5] = fnvEnd(add(withDate(TD), 15, 17));
      out[6] = fnvEnd(add(add(withDate(TE), 14, 15), 16, 17));
      out[7] = fnvEnd(add(withDate(TF), 14, 16));
      out[8] = fnvEnd(addSorted(withDate(TG), 14, 17));
      return 9;
    },
  },
} satisfies Record<string, KeyKernel>;

export const PAIR_TESTS = {
  /** `idNear` on digits: at most two of the 17 differ. */
  id_near(columns, a, b) {
    let ha = columns[0]![a]!;
    let hb = columns[0]![b]!;
    if (ha < 0 || hb < 0) return false;
    let la = columns[1]![a]!;
    let lb = columns[1]![b]!;
    let diffs = 0;
    for (let i = 0; i < 8; i++) {
      if (la % 10 !== lb % 10 && ++diffs > 2) return false;
      la = Math.floor(la / 10);
      lb = Math.floor(lb / 10);
    }
    for (let i = 0; i < 9; i++) {
      if (ha % 10 !== hb % 10 && ++diffs > 2) return false;
      ha = Math.floor(ha / 10);
      hb = Math.floor(hb / 10);
    }
    return true;
  },
} satisfies Record<string, PairTest>;

export type KeyKernelName = keyof typeof KEY_KERNELS;
export type PairTestName = keyof typeof PAIR_TESTS;
