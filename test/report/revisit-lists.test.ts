import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FINDING_TYPES } from '../../src/model.js';
import { naturalCompare } from '../../src/report/natural-compare.js';
import type { PersonRecord } from '../../src/model.js';
import { buildRevisitLists, isVisitFinding, revisitFileName } from '../../src/report/revisit-lists.js';
import { finding, idNumber, nameKeys, person } from './fixtures.js';

const area = '430104001001001';

describe('buildRevisitLists', () => {
  it('orders by address in natural order, then priority, then finding_id', () => {
    const findings = [
      finding({ findingId: 'F4', type: 'OMISSION', address: '幸福路10号', priority: 1 }),
      finding({ findingId: 'F3', type: 'OMISSION', address: '幸福路2号', priority: 2 }),
      finding({ findingId: 'F2', type: 'DUPLICATE', address: '幸福路2号', priority: 1 }),
      finding({ findingId: 'F1', type: 'DUPLICATE', address: '幸福路2号', priority: 2 }),
      finding({ findingId: 'F0', type: 'DUPLICATE', address: '幸福路1号', priority: 3 }),
      finding({ findingId: 'F5', type: 'REVIEW', address: '幸福路1号', priority: 1 }),
      finding({ findingId: 'F6', type: 'OMISSION', address: '幸福路1号', priority: 1, areaCode: '' }),
    ];
    const lists = buildRevisitLists(findings, new Map(), true);
    expect([...lists.keys()]).toEqual([area]);
    expect(lists.get(area)!.map((r) => [r[0], r[1], r[9]])).toEqual([
      ['1', '幸福路1号', 'F0'],
      ['2', '幸福路2号', 'F2'],
      ['3', '幸福路2号', 'F1'],
      ['4', '幸福路2号', 'F3'],
      ['5', '幸福路10号', 'F4'],
    ]);
  });

  it.each([
    [true, '430104********1234'],
    [false, '430104198005171234'],
  ])('mask=%s shows the ID as %s', (mask, shown) => {
    const p: PersonRecord = person(0, { name: nameKeys('赵六'), id: idNumber('430104198005171234', '1980-05-17'), birthDate: '', sex: 'F' });
    const lists = buildRevisitLists([finding({ findingId: 'F1', type: 'OMISSION', personId: 'P1' })], new Map([['P1', p]]), mask);
    expect(lists.get(area)![0]!.slice(3, 7)).toEqual(['赵六', '女', '1980-05', shown]);
  });

  it('splits findings per small area', () => {
    const lists = buildRevisitLists(
      [finding({ findingId: 'F1', type: 'OMISSION', areaCode: '2' }), finding({ findingId: 'F2', type: 'OMISSION', areaCode: '1' })],
      new Map(),
      true,
    );
    expect([...lists.keys()]).toEqual(['1', '2']);
  });

  it.each([
    ['430104001001001', '430104001001001.csv'],
    ['../etc', '___etc.csv'],
  ])('file name of %s is %s', (code, file) => {
    expect(revisitFileName(code)).toBe(file);
  });

  it('lists every visit finding exactly once, in address order, numbered from 1', () => {
    const arb = fc.array(
      fc.record({
        type: fc.constantFrom(...FINDING_TYPES),
        priority: fc.constantFrom(1 as const, 2 as const, 3 as const),
        areaCode: fc.constantFrom('', 'A1', 'A2'),
        address: fc.constantFrom('幸福路1号', '幸福路2号', '幸福路10号', '幸福路十一号', '和平路3栋2单元', ''),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(arb, (raw) => {
        const findings = raw.map((f, i) => finding({ ...f, findingId: `F${String(i).padStart(3, '0')}` }));
        const lists = buildRevisitLists(findings, new Map(), true);
        const listed = [...lists.values()].flatMap((rows) => rows.map((r) => r[9]));
        expect(listed.sort()).toEqual(findings.filter(isVisitFinding).map((f) => f.findingId).sort());
        for (const rows of lists.values()) {
          rows.forEach((r, i) => {
            expect(r[0]).toBe(String(i + 1));
            if (i > 0) expect(naturalCompare(rows[i - 1]![1]!, r[1]!)).toBeLessThanOrEqual(0);
          });
        }
      }),
    );
  });
});
