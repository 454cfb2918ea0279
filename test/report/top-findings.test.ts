import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FINDING_TYPES } from '../../src/model.js';
import { compareByPriority, selectTopFindings } from '../../src/report/top-findings.js';
import { finding } from './fixtures.js';

describe('selectTopFindings', () => {
  it('equals a stable sort of the non-REVIEW findings cut at the limit', () => {
    const findingArb = fc
      .record({
        id: fc.constantFrom('F1', 'F2', 'F3', 'F4', 'F5'),
        type: fc.constantFrom(...FINDING_TYPES),
        priority: fc.constantFrom(1, 2, 3) as fc.Arbitrary<1 | 2 | 3>,
        score: fc.option(fc.constantFrom(0.2, 0.5, 0.99), { nil: null }),
      })
      .map((r) => finding({ findingId: r.id, type: r.type, priority: r.priority, score: r.score }));
    fc.assert(
      fc.property(fc.array(findingArb, { maxLength: 40 }), fc.integer({ min: 0, max: 12 }), (findings, limit) => {
        const expected = findings.filter((f) => f.type !== 'REVIEW').sort(compareByPriority).slice(0, limit);
        const actual = selectTopFindings(findings, limit);
        expect(actual.length).toBe(expected.length);
        actual.forEach((f, i) => expect(f).toBe(expected[i]));
      }),
    );
  });
});
