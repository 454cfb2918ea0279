import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { naturalCompare, sortByAddress } from '../../src/report/natural-compare.js';

describe('naturalCompare', () => {
  it.each([
    ['幸福路2号', '幸福路10号'],
    ['幸福路9号', '幸福路10号'],
    ['幸福路１０号', '幸福路11号'], // fullwidth digits
    ['幸福路二号', '幸福路十号'],
    ['幸福路十号', '幸福路十一号'],
    ['幸福路二十号', '幸福路一百零五号'],
    ['3栋2单元101室', '3栋2单元1001室'],
    ['3栋2单元101室', '3栋10单元101室'],
    ['幸福路2号', '幸福路2号之1'],
    ['幸福路2号', '幸福路2号'.concat('A')],
    ['安居路1号', '幸福路1号'],
  ])('%s < %s', (a, b) => {
    expect(naturalCompare(a, b)).toBeLessThan(0);
    expect(naturalCompare(b, a)).toBeGreaterThan(0);
  });

  it('is a consistent total order', () => {
    const addr = fc.array(fc.constantFrom('幸福路', '号', '栋', '单元', '1', '2', '10', '02', '十', '二', 'A', ' '), { maxLength: 6 }).map((p) => p.join(''));
    fc.assert(
      fc.property(addr, addr, addr, (a, b, c) => {
        expect(Math.sign(naturalCompare(a, b))).toBe(-Math.sign(naturalCompare(b, a)) || 0);
        expect(naturalCompare(a, b) === 0).toBe(a === b);
        if (naturalCompare(a, b) < 0 && naturalCompare(b, c) < 0) expect(naturalCompare(a, c)).toBeLessThan(0);
      }),
    );
  });

  it('sortByAddress agrees with naturalCompare and breaks ties', () => {
    const items = [
      { a: '幸福路10号', p: 1 },
      { a: '幸福路2号', p: 3 },
      { a: '幸福路2号', p: 1 },
      { a: '幸福路1号', p: 2 },
    ];
    expect(sortByAddress(items, (i) => i.a, (x, y) => x.p - y.p)).toEqual([
      { a: '幸福路1号', p: 2 },
      { a: '幸福路2号', p: 1 },
      { a: '幸福路2号', p: 3 },
      { a: '幸福路10号', p: 1 },
    ]);
  });
});
