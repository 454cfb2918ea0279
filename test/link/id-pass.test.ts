import { describe, expect, it } from 'vitest';
import { idPass } from '../../src/link/id-pass.js';
import { fakeId, makeRecord } from './make-record.js';

describe('idPass', () => {
  const id = fakeId('430104', '19850312', '031');
  const other = fakeId('430104', '19900101', '052');
  const holder = (source: string, name: string, birthDate: string, sex: 'M' | 'F', number = id) =>
    makeRecord({ kind: source === 'census' ? 'enumeration' : 'register', source, name, birthDate, sex, id: number });

  it('makes two agreeing holders of a number one person: one tag, both settled, one edge', () => {
    const records = [holder('census', '王丽', '1985-03-12', 'F'), holder('census', '李强', '1990-01-01', 'M', other), holder('hukou', '王丽', '1985-03-12', 'F')];
    const ids = idPass(records);
    expect([[...ids.edgesL], [...ids.edgesR], [...ids.edgeTypo]]).toEqual([[0], [2], [0]]);
    expect(ids.idTag[0]).toBe(ids.idTag[2]);
    expect(ids.idTag[1]).not.toBe(ids.idTag[0]);
    expect([...ids.settled]).toEqual([1, 0, 1]);
    expect(ids.matchPairs).toBe(1);
    expect(ids.collisions).toEqual([]);
  });

  it('keeps two clearly different holders of a number apart, as a collision', () => {
    const records = [holder('census', '王丽', '1985-03-12', 'F'), holder('hukou', '赵刚', '1972-11-30', 'M')];
    const ids = idPass(records);
    expect(ids.edgesL.length).toBe(0);
    expect(ids.idTag[0]).not.toBe(ids.idTag[1]);
    expect([...ids.settled]).toEqual([0, 0]);
    expect(ids.matchPairs).toBe(0);
    expect(ids.collisions).toEqual([{ id, groups: [[0], [1]] }]);
  });

  it('joins three agreeing holders with two edges and counts their three pairs', () => {
    const records = [holder('census', '王丽', '1985-03-12', 'F'), holder('hukou', '王丽', '1985-03-12', 'F'), holder('school', '王丽', '1985-03-12', 'F')];
    const ids = idPass(records);
    expect([[...ids.edgesL], [...ids.edgesR], [...ids.edgeTypo]]).toEqual([[0, 0], [1, 2], [0, 0]]);
    expect(new Set(ids.idTag).size).toBe(1);
    expect([...ids.settled]).toEqual([1, 1, 1]);
    expect(ids.matchPairs).toBe(3);
  });

  it('joins a holder of a number that is a typo to the holder of the right number, and marks that edge', () => {
    // 赵刚 carries 王丽's number in the register, one digit off his own (`typo`), which the census has
    const typo = fakeId('430104', '19850312', '038');
    const records = [
      holder('census', '王丽', '1985-03-12', 'F'),
      holder('hukou', '王丽', '1985-03-12', 'F'),
      holder('census', '赵刚', '1972-11-30', 'M', typo),
      holder('hukou', '赵刚', '1972-11-30', 'M'),
    ];
    const ids = idPass(records);
    const edges = [...ids.edgesL].map((l, k) => [l, ids.edgesR[k], ids.edgeTypo[k]]);
    expect(edges).toContainEqual([0, 1, 0]);
    expect(edges).toContainEqual([2, 3, 1]);
    expect(ids.collisions).toEqual([]);
  });
});
