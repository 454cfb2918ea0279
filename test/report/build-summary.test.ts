import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FINDING_TYPES } from '../../src/model.js';
import type { Finding, PersonRecord } from '../../src/model.js';
import { buildSummary } from '../../src/report/build-summary.js';
import { finding, linkage, person, tinyInput } from './fixtures.js';

const arbFinding = fc
  .record({
    type: fc.constantFrom(...FINDING_TYPES),
    priority: fc.constantFrom(1 as const, 2 as const, 3 as const),
    areaCode: fc.constantFrom('', '430104001001001', '430104001002001', '430104002001', '430104002001002'),
    detail: fc.constantFrom('', 'WITHIN_TOWN', 'WITHIN_COUNTY', 'OUTSIDE_COUNTY'),
  })
;

function withIds(fs: Array<Pick<Finding, 'type' | 'priority' | 'areaCode' | 'detail'>>): Finding[] {
  return fs.map((f, i) => finding({ ...f, findingId: `F${i}` }));
}

describe('buildSummary', () => {
  it('counts add up', () => {
    fc.assert(
      fc.property(fc.array(arbFinding, { maxLength: 60 }), (raw) => {
        const findings = withIds(raw);
        const s = buildSummary({ ...tinyInput(), findings });
        const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
        expect(Object.keys(s.findings.byType)).toEqual([...FINDING_TYPES]);
        expect(sum(Object.values(s.findings.byType))).toBe(s.findings.total);
        expect(sum(Object.values(s.findings.byPriority))).toBe(s.findings.total);
        const smallTotal = sum(Object.values(s.areas.smallAreas).map((a) => a.total));
        expect(smallTotal + s.areas.unassigned).toBe(s.findings.total);
        expect(sum(Object.values(s.areas.towns).map((a) => a.total))).toBe(smallTotal);
        for (const a of Object.values(s.areas.smallAreas)) expect(sum(Object.values(a.byType) as number[])).toBe(a.total);
        for (const code of Object.keys(s.areas.towns)) expect(code).toHaveLength(9);
        const sep = s.hukouSeparation;
        expect(sep.official).toBe(sep.byLevel.WITHIN_COUNTY + sep.byLevel.OUTSIDE_COUNTY);
        expect(sum(Object.values(sep.byLevel))).toBeLessThanOrEqual(s.findings.byType.NOT_AT_REGISTERED_ADDRESS);
      }),
    );
  });

  it('per-source counts keep read = accepted + rejected and the reject rate', () => {
    const s = buildSummary(tinyInput());
    expect(s.sources).toEqual({
      roster: { read: 5, accepted: 3, rejected: 2, rejectRate: 0.4 },
      hukou: { read: 3, accepted: 2, rejected: 1, rejectRate: 0.333333 },
      water: { read: 1, accepted: 1, rejected: 0, rejectRate: 0 },
    });
    expect(s.rejects.total).toBe(3);
    expect(s.rejects.bySource.roster).toEqual({ total: 2, topReasons: [{ code: 'BAD_DATE', count: 1 }, { code: 'RAGGED_ROW', count: 1 }] });
    expect(s.rejects.bySource.water).toEqual({ total: 0, topReasons: [] });
    expect(s.rejects.byCode).toEqual([{ code: 'BAD_DATE', count: 2 }, { code: 'RAGGED_ROW', count: 1 }]);
  });

  it.each<[string, PersonRecord[], number[][], { activeInScope: number; enumerated: number; share: number }]>([
    [
      'one of two active in-scope entries enumerated; out-of-scope and moved-out ignored',
      [
        person(0),
        person(1, { kind: 'register', status: 'active', areaCode: '430104001001' }),
        person(2, { kind: 'register', status: 'active', areaCode: '430104001002' }),
        person(3, { kind: 'register', status: 'active', areaCode: '430105001002' }),
        person(4, { kind: 'register', status: 'moved_out', areaCode: '430104001002' }),
      ],
      [[0, 1], [2], [3], [4]],
      { activeInScope: 2, enumerated: 1, share: 0.5 },
    ],
    ['no register entries', [person(0)], [[0]], { activeInScope: 0, enumerated: 0, share: 0 }],
  ])('register coverage: %s', (_, persons, groups, expected) => {
    const s = buildSummary({ ...tinyInput(), persons, linkage: linkage(persons.length, groups) });
    expect(s.registerCoverage).toEqual(expected);
  });

  it('linkage statistics and timings', () => {
    const s = buildSummary(tinyInput());
    expect(s.linkage).toMatchObject({
      records: 5,
      persons: 4,
      linksByPass: { id: 2, probabilistic: 1, birth: 0 },
      reviewPairs: 1,
      candidatePairsByRule: { id_number: 3, dwelling: 10 },
    });
    expect(s.linkage.weightHistogram.map((b) => [b.from, b.to])).toEqual([[null, -5], [-5, 0], [0, 5], [5, null]]);
    expect(s.timings).toEqual({ ingest: 1.235, link: 0.5, reconcile: 0.25 });
  });
});
