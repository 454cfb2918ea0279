import { describe, expect, it } from 'vitest';
import { COMBINED_NAME, matchFindings, scoreFindings, type ScoredFinding } from '../../src/eval/score-findings.js';

const f = (type: string, ...refs: string[]): ScoredFinding => ({ type, refs });

const truth = [
  f('DUPLICATE', 'c:1', 'c:2'),
  f('OMISSION', 'b:1'),
  f('REGISTERED_ABSENT', 'h:9'),
  f('NOT_AT_REGISTERED_ADDRESS', 'c:5', 'h:5'),
  f('NOT_AT_REGISTERED_ADDRESS', 'c:6', 'h:6'),
];

describe('scoreFindings', () => {
  it('scores a perfect run 1.0 everywhere', () => {
    const s = scoreFindings(truth, truth);
    for (const row of [...s.byType, s.combined]) expect([row.precision, row.recall, row.f1]).toEqual([1, 1, 1]);
  });

  it('scores a known partial run', () => {
    const run = [
      f('DUPLICATE', 'c:2', 'c:1'),
      f('NOT_AT_REGISTERED_ADDRESS', 'c:5'),
      f('NOT_AT_REGISTERED_ADDRESS', 'c:7', 'h:7'),
      f('REGISTERED_ABSENT', 'b:1'),
      f('REVIEW', 'c:8', 'c:9'),
    ];
    const s = scoreFindings(run, truth);
    const byType = Object.fromEntries(s.byType.map((r) => [r.type, r]));
    expect(byType.NOT_AT_REGISTERED_ADDRESS).toMatchObject({ truth: 2, predicted: 2, matched: 1, precision: 0.5, recall: 0.5 });
    expect(byType.DUPLICATE).toMatchObject({ matched: 1, precision: 1, recall: 1 });
    expect(byType.OMISSION).toMatchObject({ predicted: 0, matched: 0, recall: 0 });
    expect(byType.REGISTERED_ABSENT).toMatchObject({ predicted: 1, matched: 0, precision: 0, recall: 0, f1: 0 });
    // Across the three types the REGISTERED_ABSENT prediction on b:1 matches the OMISSION.
    expect(s.combined).toMatchObject({ type: COMBINED_NAME, truth: 3, predicted: 2, matched: 2, precision: 1 });
    expect(s.combined.recall).toBeCloseTo(2 / 3);
    expect(s.review).toBe(1);
    expect(s.byType.some((r) => r.type === 'REVIEW')).toBe(false);
  });

  it.each<[string, ScoredFinding[], ScoredFinding[], number]>([
    ['one-to-one: two predictions cannot share one truth finding', [f('X', 'a'), f('X', 'a', 'b')], [f('X', 'a', 'b')], 1],
    ['a prediction takes the truth finding it overlaps most', [f('X', 'a', 'b'), f('X', 'a')], [f('X', 'a'), f('X', 'a', 'b')], 2],
    ['no shared refs, no match', [f('X', 'a')], [f('X', 'b')], 0],
    ['empty', [], [], 0],
  ])('matchFindings: %s', (_label, pred, tru, matched) => {
    expect(matchFindings(pred, tru)).toBe(matched);
  });
});
