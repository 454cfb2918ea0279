import type { ComparisonOutcome, PersonRecord } from '../model.js';
import { comparisons } from './comparisons/comparisons.js';
import { type LinkageModel, tfCount, weightToProbability } from './linkage-model.js';

export interface PairScore {
  matchWeight: number;
  probability: number;
  outcomes: ComparisonOutcome[];
}

/** Index of the comparison whose exact level is term-frequency adjusted (the name). */
export const TF_COMPARISON = comparisons.findIndex((c) => c.termFrequency);

/** Term-frequency adjusted weight of exact name agreement on `key`. */
export function nameExactWeight(model: LinkageModel, key: string): number {
  const tf = model.termFrequency;
  const level = model.comparisons[TF_COMPARISON]!.levels[comparisons[TF_COMPARISON]!.exactLevel!]!;
  if (tf.total === 0) return level.weight;
  return Math.log2(level.m / (tfCount(model, key) / tf.total));
}

/** Scores one pair field by field under a trained model (the slow, explainable path). */
export function scorePair(model: LinkageModel, l: PersonRecord, r: PersonRecord): PairScore {
  let w = model.priorWeight;
  const outcomes: ComparisonOutcome[] = [];
  comparisons.forEach((c, ci) => {
    const lv = c.compare(l, r);
    const level = model.comparisons[ci]!.levels[lv]!;
    const weight = c.termFrequency && lv === c.exactLevel ? nameExactWeight(model, l.name.key) : level.weight;
    w += weight;
    outcomes.push({ comparison: c.name, level: level.label, weight });
  });
  return { matchWeight: w, probability: weightToProbability(w), outcomes };
}
