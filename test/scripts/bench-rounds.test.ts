import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain script module of the bench, without type declarations
import { medianRun } from '../../scripts/bench-rounds.js';

const runs = (...seconds: number[]) => seconds.map((s, round) => ({ seconds: s, round }));

describe('the run the bench reports for a size', () => {
  it('is the only run of one round', () => {
    expect(medianRun(runs(48.8))).toEqual({ seconds: 48.8, round: 0 });
  });

  it('is the middle run of an odd number, whatever their order', () => {
    expect(medianRun(runs(55.5, 37.2, 39.4)).round).toBe(2);
    expect(medianRun(runs(37.2, 39.4, 55.5)).round).toBe(1);
    expect(medianRun(runs(39.4, 55.5, 37.2, 41.0, 36.9)).round).toBe(0);
  });

  it('is the slower middle run of an even number, not the fastest', () => {
    expect(medianRun(runs(36.9, 37.6)).round).toBe(1);
    expect(medianRun(runs(40, 30, 50, 45)).round).toBe(3);
  });

  it('keeps the earlier of two equal runs and does not reorder the list', () => {
    const list = runs(40, 40, 30);
    expect(medianRun(list).round).toBe(0);
    expect(list.map((r) => r.round)).toEqual([0, 1, 2]);
  });

  it('refuses an empty list', () => {
    expect(() => medianRun([])).toThrow(/no runs/);
  });
});
