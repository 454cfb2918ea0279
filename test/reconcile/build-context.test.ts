import { describe, expect, it } from 'vitest';
import { buildContext, windowMonths } from '../../src/reconcile/build-context.js';
import { makeInput, usage, type UtilitySpec } from './make-record.js';

describe('windowMonths', () => {
  it.each<[string, number, string[]]>([
    ['2020-11-01', 3, ['2020-08', '2020-09', '2020-10']],
    ['2020-02-15', 3, ['2019-11', '2019-12', '2020-01']],
    ['2021-01-01', 1, ['2020-12']],
  ])('%s × %i', (ref, n, expected) => {
    expect(windowMonths(ref, n)).toEqual(expected);
  });
});

describe('utility occupancy', () => {
  const rows = (specs: Array<[string, UtilitySpec['utility'], number]>): UtilitySpec[] =>
    specs.map(([period, utility, consumption], i) => ({ key: `U${i}`, period, utility, consumption }));
  it.each<[string, UtilitySpec[], string, number]>([
    ['no rows', [], 'unknown', 0],
    ['two months of electricity', rows([['2020-09', 'electricity', 20], ['2020-10', 'electricity', 20]]), 'occupied', 2],
    ['different utilities in different months', rows([['2020-08', 'water', 2], ['2020-10', 'gas', 3]]), 'occupied', 2],
    ['two accounts summed in a month', rows([['2020-09', 'electricity', 10], ['2020-09', 'electricity', 10], ['2020-10', 'water', 5]]), 'occupied', 2],
    ['below the minimum everywhere', rows([['2020-09', 'electricity', 14], ['2020-10', 'water', 0.5]]), 'vacant', 0],
    ['one active month', rows([['2020-09', 'electricity', 100], ['2020-10', 'electricity', 0]]), 'unknown', 1],
    ['rows outside the window only', rows([['2020-11', 'electricity', 100], ['2020-07', 'electricity', 100]]), 'vacant', 0],
  ])('%s', (_name, utilities, occupancy, months) => {
    const ctx = buildContext(makeInput({ utilities }));
    const d = ctx.dwellings.get('幸福路1号');
    expect(d?.occupancy ?? 'unknown').toBe(occupancy);
    expect(d?.activeMonths ?? 0).toBe(months);
  });

  it('ignores empty months even when a minimum is 0', () => {
    const input = makeInput({ utilities: usage('U', '幸福路1号', ['2020-10'], 0) });
    input.occupancy = { ...input.occupancy, min_consumption: { water: 0, electricity: 0, gas: 0 } };
    expect(buildContext(input).dwellings.get('幸福路1号')!.activeMonths).toBe(1);
  });
});

describe('scope', () => {
  it('takes a departmental record without area code from its dwelling, then a parent, else in scope', () => {
    const input = makeInput({
      records: [
        { kind: 'register', key: 'R1', address: '外县路1号', areaCode: '430105001001', id: '430105199001010021' },
        { kind: 'births', key: 'B1', address: '外县路1号' },
        { kind: 'births', key: 'B2', address: '未知路1号', motherId: { value: '430105199001010021', quality: 'valid', kind: 'resident', legacy15: false, birthDate: '', sex: '' } },
        { kind: 'births', key: 'B3', address: '未知路2号' },
      ],
    });
    const ctx = buildContext(input);
    expect(input.persons.map((r) => ctx.inScope(r))).toEqual([false, false, false, true]);
  });
});
