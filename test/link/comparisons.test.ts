import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePointDistance, withinOneEdit } from '../../src/link/code-point-distance.js';
import { birthDate } from '../../src/link/comparisons/birth-date.js';
import { comparisons } from '../../src/link/comparisons/comparisons.js';
import { dwelling } from '../../src/link/comparisons/dwelling.js';
import { idNumber, idOneOff } from '../../src/link/comparisons/id-number.js';
import { name } from '../../src/link/comparisons/name.js';
import { sex } from '../../src/link/comparisons/sex.js';
import type { Comparison } from '../../src/link/comparisons/comparison.js';
import { fakeId, makeRecord, type RecordSpec } from './make-record.js';

const level = (c: Comparison, l: RecordSpec, r: RecordSpec): string => c.levels[c.compare(makeRecord(l), makeRecord(r))]!.label;

describe('name', () => {
  it.each([
    ['王丽', '王丽', 'exact'],
    ['王丽', '王莉', 'pinyin'],
    ['李宁', '李玲', 'pinyin_fuzzy'],
    ['南兰', '兰兰', 'pinyin_fuzzy'],
    ['张伟', '張偉', 'exact'],
    ['王丽', '王芳', 'edit_1'],
    ['𠮷田', '𠮷由', 'edit_1'],
    ['欧阳修', '欧阳秀', 'pinyin'],
    ['王丽', '李建国', 'else'],
    ['王丽', '', 'null'],
  ])('%s vs %s → %s', (l, r, expected) => {
    expect(level(name, { name: l }, { name: r })).toBe(expected);
  });
});

describe('birth date', () => {
  it.each([
    ['1980-03-07', '1980-03-07', 'exact'],
    ['1980-03-07', '1980-03-01', 'one_digit'],
    ['1980-03-07', '1986-03-07', 'one_digit'],
    ['1980-03-07', '1980-07-03', 'day_month_swap'],
    ['1980-03-07', '1980-03-25', 'year_month'],
    ['1980-03-07', '1958-11-20', 'else'],
    ['1980-03-07', '', 'null'],
  ])('%s vs %s → %s', (l, r, expected) => {
    expect(level(birthDate, { birthDate: l }, { birthDate: r })).toBe(expected);
  });
});

describe('sex', () => {
  it.each([
    ['M', 'M', 'exact'],
    ['M', 'F', 'else'],
    ['', 'F', 'null'],
  ] as const)('%s vs %s → %s', (l, r, expected) => {
    expect(level(sex, { sex: l }, { sex: r })).toBe(expected);
  });
});

describe('dwelling', () => {
  it.each([
    [{ address: '解放路12号3栋101' }, { address: '解放路12号3幢101' }, 'exact'],
    [{ address: '解放路12号3栋101', areaCode: '430102001001' }, { address: '解放路14号1栋202', areaCode: '430102001001' }, 'same_area'],
    [{ address: '解放路12号', areaCode: '430102001001' }, { address: '五一路8号', areaCode: '430102001002' }, 'same_town'],
    [{ address: '解放路12号', areaCode: '430102001001' }, { address: '五一路8号', areaCode: '430102002002' }, 'else'],
    [{ address: '解放路12号' }, { address: '五一路8号' }, 'else'],
    [{ address: '解放路12号' }, {}, 'null'],
  ])('%j vs %j → %s', (l, r, expected) => {
    expect(level(dwelling, l, r)).toBe(expected);
  });
});

const ID = fakeId('430104', '19800307', '123');
const swapped = ID.slice(0, 14) + ID[15] + ID[14] + ID.slice(16);
describe('ID number', () => {
  it.each([
    [ID, ID, 'exact'],
    [ID, ID.slice(0, 16) + String((Number(ID[16]) + 1) % 10) + ID[17], 'one_off'],
    [ID, swapped, 'one_off'],
    [ID, fakeId('430104', '19800307', '124'), 'one_off'],
    [ID, fakeId('430111', '19620101', '555'), 'else'],
    [ID, '', 'null'],
    [ID, '4.30104E+17', 'null'],
  ])('%s vs %s → %s', (l, r, expected) => {
    expect(level(idNumber, { id: l }, { id: r })).toBe(expected);
  });

  it('one_off ignores the check character only', () => {
    expect(idOneOff(ID, ID)).toBe(false);
    expect(idOneOff(ID, ID.slice(0, 17) + (ID[17] === '0' ? '1' : '0'))).toBe(true);
  });
});

describe('code-point edit distance', () => {
  it.each([
    ['王丽', '王丽', 0],
    ['王丽', '王莉', 1],
    ['𠮷田', '吉田', 1],
    ['𠮷田', '𠮷田', 0],
    ['𠮷', '', 1],
    ['王小丽', '王丽', 1],
    ['abc', 'cba', 2],
    // a private-use character (some GB18030 exports carry rare characters as these) stays itself
    ['\ue000', '𠮷', 1],
    ['\ue000𠮷', '𠮷𠮷', 1],
  ])('%s vs %s = %i', (a, b, d) => {
    expect(codePointDistance(a, b)).toBe(d);
    expect(withinOneEdit(a, b)).toBe(d <= 1);
  });

  it('is symmetric, agrees with the fast path and with a plain DP over code points', () => {
    const reference = (a: string, b: string): number => {
      const x = Array.from(a);
      const y = Array.from(b);
      let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
      for (let i = 1; i <= x.length; i++) {
        const cur = [i];
        for (let j = 1; j <= y.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
        prev = cur;
      }
      return prev[y.length]!;
    };
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 5 }), fc.string({ unit: 'grapheme', maxLength: 5 }), (a, b) => {
        const d = codePointDistance(a, b);
        expect(d).toBe(reference(a, b));
        expect(codePointDistance(b, a)).toBe(d);
        expect(withinOneEdit(a, b)).toBe(d <= 1);
      }),
    );
  });
});

describe('every comparison', () => {
  const person = fc.record({
    name: fc.constantFrom('', '王丽', '王莉', '李宁', '李玲', '张伟', '𠮷田', '欧阳修'),
    birthDate: fc.constantFrom('', '1980-03-07', '1980-07-03', '1980-03-08', '1980-03-20', '2001-12-01'),
    sex: fc.constantFrom('', 'M', 'F') as fc.Arbitrary<'' | 'M' | 'F'>,
    address: fc.constantFrom('', '解放路12号3栋101', '五一路8号'),
    areaCode: fc.constantFrom('', '430102001001', '430102001002', '430102002001'),
    id: fc.constantFrom('', ID, swapped, fakeId('430104', '19800307', '124')),
  });
  it.each(comparisons.map((c) => [c.name, c] as const))('%s is symmetric, null first, else last', (_, c) => {
    expect(c.levels[0]!.label).toBe('null');
    expect(c.levels.at(-1)!.label).toBe('else');
    expect(c.defaultM.length).toBe(c.levels.length);
    fc.assert(
      fc.property(person, person, (a, b) => {
        const l = makeRecord(a);
        const r = makeRecord(b);
        const lv = c.compare(l, r);
        expect(c.compare(r, l)).toBe(lv);
        expect(lv).toBeGreaterThanOrEqual(0);
        expect(lv).toBeLessThan(c.levels.length);
      }),
      { numRuns: 300 },
    );
  });
});
