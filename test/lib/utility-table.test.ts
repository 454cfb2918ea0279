import { describe, expect, it } from 'vitest';
import { concatUtilityTables, utilityRef, utilityTableOf } from '../../src/lib/utility-table.js';
import type { UtilityRecord, UtilityTable } from '../../src/model.js';

function util(recordKey: string, over: Partial<UtilityRecord> = {}): UtilityRecord {
  return {
    ix: 0,
    source: 'power',
    recordKey,
    line: 2,
    utility: 'electricity',
    address: '幸福路1号',
    dwelling: '幸福路1号',
    areaCode: '430104001001',
    period: '2020-10',
    consumption: 100,
    marks: [],
    ...over,
  };
}

/** Each row read back as the fields reconcile uses. */
function rows(t: UtilityTable): Array<Record<string, string | number>> {
  return Array.from({ length: t.length }, (_, i) => ({
    ref: utilityRef(t, i),
    address: t.strings[t.address[i]!]!,
    dwelling: t.strings[t.dwelling[i]!]!,
    areaCode: t.strings[t.areaCode[i]!]!,
    period: t.strings[t.period[i]!]!,
    utility: t.utility[i]!,
    consumption: t.consumption[i]!,
    line: t.line[i]!,
  }));
}

describe('utility tables', () => {
  const a = [
    util('U1', { line: 2 }),
    util('U2', { line: 3, utility: 'water', period: '2020-09', consumption: 2.5 }),
    util('U3', { line: 5, address: '幸福路2号', dwelling: '', areaCode: '', utility: 'gas', consumption: 0 }),
  ];
  const b = [util('W1', { source: 'water', utility: 'water', address: '和平路9号', dwelling: '和平路9号', line: 7 })];

  it('hold every row of the records, in order, with the utility as its UTILITY_KINDS index', () => {
    expect(rows(utilityTableOf(a))).toEqual([
      { ref: 'power:U1', address: '幸福路1号', dwelling: '幸福路1号', areaCode: '430104001001', period: '2020-10', utility: 1, consumption: 100, line: 2 },
      { ref: 'power:U2', address: '幸福路1号', dwelling: '幸福路1号', areaCode: '430104001001', period: '2020-09', utility: 0, consumption: 2.5, line: 3 },
      { ref: 'power:U3', address: '幸福路2号', dwelling: '', areaCode: '', period: '2020-10', utility: 2, consumption: 0, line: 5 },
    ]);
  });

  it('put several sources one after the other, each row still reading its own strings', () => {
    const joined = concatUtilityTables([utilityTableOf(a), utilityTableOf([]), utilityTableOf(b)]);
    expect(joined.length).toBe(4);
    expect(rows(joined)).toEqual([...rows(utilityTableOf(a)), ...rows(utilityTableOf(b))]);
    expect(concatUtilityTables([]).length).toBe(0);
  });
});
