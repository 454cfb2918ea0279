import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LinkageTally, scoreLinkage } from '../../src/eval/score-linkage.js';

const map = (o: Record<string, string>) => new Map(Object.entries(o));
const truth = map({ a: 'T1', b: 'T1', c: 'T1', d: 'T2', e: 'T2', f: 'T3' });

/** Brute-force pairwise scores, to check the contingency-table formula. */
function bruteForce(pred: Map<string, string>, tru: Map<string, string>) {
  const refs = [...tru.keys()];
  let tp = 0;
  let pp = 0;
  let tt = 0;
  for (let i = 0; i < refs.length; i++) {
    for (let j = i + 1; j < refs.length; j++) {
      const pi = pred.get(refs[i]!);
      const pj = pred.get(refs[j]!);
      const same = pi !== undefined && pi === pj;
      const truly = tru.get(refs[i]!) === tru.get(refs[j]!);
      if (same) pp++;
      if (truly) tt++;
      if (same && truly) tp++;
    }
  }
  return { tp, pp, tt };
}

describe('scoreLinkage', () => {
  it.each<[string, Record<string, string>, number, number]>([
    ['perfect (other labels)', { a: 'x', b: 'x', c: 'x', d: 'y', e: 'y', f: 'z' }, 1, 1],
    ['all singletons', { a: '1', b: '2', c: '3', d: '4', e: '5', f: '6' }, 1, 0],
    ['everything merged', { a: 'x', b: 'x', c: 'x', d: 'x', e: 'x', f: 'x' }, 4 / 15, 1],
    ['one record split off', { a: 'x', b: 'x', c: 'q', d: 'y', e: 'y', f: 'z' }, 1, 2 / 4],
    ['two persons merged', { a: 'x', b: 'x', c: 'x', d: 'x', e: 'x', f: 'z' }, 4 / 10, 1],
    ['records missing from the run', { a: 'x', b: 'x', d: 'y', e: 'y', f: 'z' }, 1, 2 / 4],
  ])('%s', (_label, pred, precision, recall) => {
    const s = scoreLinkage(map(pred), truth);
    expect(s.precision).toBeCloseTo(precision, 10);
    expect(s.recall).toBeCloseTo(recall, 10);
  });

  it('ignores run records unknown to the truth', () => {
    const s = scoreLinkage(map({ a: 'x', b: 'x', c: 'x', d: 'y', e: 'y', f: 'z', zz: 'x' }), truth);
    expect(s.unknown).toBe(1);
    expect(s.f1).toBe(1);
  });

  it('agrees with brute-force pair counting and stays in [0, 1]', () => {
    const assignment = fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined })), { maxLength: 30 });
    fc.assert(
      fc.property(assignment, (rows) => {
        const tru = new Map(rows.map(([t], i) => [`r${i}`, `T${t}`]));
        const pred = new Map<string, string>();
        rows.forEach(([, p], i) => {
          if (p !== undefined) pred.set(`r${i}`, `P${p}`);
        });
        const s = scoreLinkage(pred, tru);
        const b = bruteForce(pred, tru);
        expect([s.correctPairs, s.predictedPairs, s.truePairs]).toEqual([b.tp, b.pp, b.tt]);
        for (const v of [s.precision, s.recall, s.f1]) expect(v >= 0 && v <= 1).toBe(true);
      }),
    );
  });
});

describe('LinkageTally (rows as they are read)', () => {
  it('takes the last person of a ref given twice, and counts an unknown ref once', () => {
    const tally = new LinkageTally();
    for (const [ref, t] of [['a', 'T1'], ['b', 'T1'], ['c', 'T2'], ['c', 'T1']] as const) tally.addTruth(ref, t);
    // c moved to T1 in the truth's last row; the run first puts a apart, then with b and c
    for (const [ref, p] of [['a', 'P9'], ['b', 'P1'], ['c', 'P1'], ['a', 'P1'], ['zz', 'P1'], ['zz', 'P2']] as const) tally.addRun(ref, p);
    expect(tally.score()).toMatchObject({ records: 3, truePairs: 3, predictedPairs: 3, correctPairs: 3, missing: 0, unknown: 1, f1: 1 });
  });

  it('grows past its first tables (65,536 records) without losing any', () => {
    const tally = new LinkageTally();
    const n = 150_000;
    for (let i = 0; i < n; i++) tally.addTruth(`r${i}`, `T${i >> 1}`);
    for (let i = 0; i < n; i += 3) tally.addRun(`r${i}`, `P${i >> 1}`);
    const s = tally.score();
    expect(s).toMatchObject({ records: n, truePairs: n / 2, missing: n - n / 3 });
    // a run listing every third record pairs none of them: r6k and r6k+1 share a person only in the truth
    expect(s.predictedPairs).toBe(0);
  });
});
