import type { PersonRecord, ScoredPair } from '../model.js';
import { formatScore } from './finding-table.js';
import { recordRef } from '../lib/record-ref.js';

/** Decimals of the match probability in review.csv's score column. */
const PROBABILITY_DECIMALS = 6;

/**
 * review.csv: left_ref, right_ref, score (match probability), then `<comparison>_level` and `<comparison>_weight`
 * for every comparison seen (first-seen order), then match_weight. Rows by score desc, then refs.
 */
export function reviewTable(
  review: readonly ScoredPair[],
  persons: readonly PersonRecord[],
): { header: string[]; rows: Iterable<string[]> } {
  const refOf = persons.every((p, i) => p.ix === i)
    ? (ix: number) => (persons[ix] ? recordRef(persons[ix]) : '')
    : (() => {
        const m = new Map(persons.map((p) => [p.ix, recordRef(p)]));
        return (ix: number) => m.get(ix) ?? '';
      })();
  const rows = review.map((pair) => ({ pair, left: refOf(pair.l), right: refOf(pair.r) }));
  rows.sort(
    (a, b) =>
      b.pair.probability - a.pair.probability ||
      b.pair.matchWeight - a.pair.matchWeight ||
      (a.left < b.left ? -1 : a.left > b.left ? 1 : 0) ||
      (a.right < b.right ? -1 : a.right > b.right ? 1 : 0),
  );
  const comparisons: string[] = [];
  const seen = new Set<string>();
  for (const { pair } of rows) {
    for (const o of pair.outcomes) {
      if (!seen.has(o.comparison)) {
        seen.add(o.comparison);
        comparisons.push(o.comparison);
      }
    }
  }
  const header = ['left_ref', 'right_ref', 'score', ...comparisons.flatMap((c) => [`${c}_level`, `${c}_weight`]), 'match_weight'];
  function* out(): Iterable<string[]> {
    for (const { pair, left, right } of rows) {
      const byName = new Map(pair.outcomes.map((o) => [o.comparison, o]));
      const cells = [left, right, formatScore(pair.probability, PROBABILITY_DECIMALS)];
      for (const c of comparisons) {
        const o = byName.get(c);
        cells.push(o?.level ?? '', o ? formatScore(o.weight) : '');
      }
      cells.push(formatScore(pair.matchWeight));
      yield cells;
    }
  }
  return { header, rows: out() };
}
