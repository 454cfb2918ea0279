import { doubled } from '../lib/doubled.js';
import { StringMap } from '../lib/string-map.js';

/** Pairwise linkage scores computed from the contingency table (no pair enumeration). */
export interface LinkageScore {
  precision: number;
  recall: number;
  f1: number;
  /** Pairs of records that truly belong to one person. */
  truePairs: number;
  /** Pairs the run put in one person (restricted to records known to the truth). */
  predictedPairs: number;
  /** Pairs that are both. */
  correctPairs: number;
  /** Records in the truth. */
  records: number;
  /** Truth records the run does not list (scored as singletons). */
  missing: number;
  /** Run records the truth does not know (ignored). */
  unknown: number;
}

const pairs = (n: number): number => (n * (n - 1)) / 2;

/** F1 of a precision and recall (0 when both are 0). */
export function f1Score(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

/** Dense numbers for labels (person ids), in order of first sight. */
class Labels {
  private readonly ids = new StringMap<number>(1 << 16);
  number(label: string): number {
    let i = this.ids.get(label);
    if (i === undefined) this.ids.set(label, (i = this.ids.size));
    return i;
  }
}

/**
 * The two assignments `record_ref → person`, taken in as they are read, without a table of either
 * (a county of five million persons has ten million records in each): first the truth's, then the
 * run's. Of a ref given twice, the last person holds, as in a `Map`.
 */
export class LinkageTally {
  /** Truth record k's ref → k. */
  private readonly refs = new StringMap<number>(1 << 16);
  private trueOf = new Int32Array(1 << 16);
  /** The run's person number of truth record k plus one; 0 while the run has not listed it. */
  private predOf = new Int32Array(1 << 16);
  private readonly trueLabels = new Labels();
  private readonly predLabels = new Labels();
  /** Refs the run lists that the truth does not know, each counted once. */
  private readonly unknownRefs = new StringMap<true>();

  addTruth(ref: string, person: string): void {
    let k = this.refs.get(ref);
    if (k === undefined) {
      k = this.refs.size;
      this.refs.set(ref, k);
      if (k === this.trueOf.length) {
        this.trueOf = doubled(this.trueOf);
        this.predOf = doubled(this.predOf);
      }
    }
    this.trueOf[k] = this.trueLabels.number(person);
  }

  /** After every addTruth. */
  addRun(ref: string, person: string): void {
    const k = this.refs.get(ref);
    if (k === undefined) this.unknownRefs.setIfAbsent(ref, true);
    else this.predOf[k] = this.predLabels.number(person) + 1;
  }

  /** Sums C(n,2) over true clusters, predicted clusters and their intersections. */
  score(): LinkageScore {
    const n = this.refs.size;
    const trueSizes: number[] = [];
    const predSizes: number[] = [];
    const joint = new Float64Array(n);
    let missing = 0;
    for (let k = 0; k < n; k++) {
      const t = this.trueOf[k]!;
      trueSizes[t] = (trueSizes[t] ?? 0) + 1;
      const p = this.predOf[k]! - 1;
      if (p < 0) {
        missing++;
        joint[k] = -1;
        continue;
      }
      predSizes[p] = (predSizes[p] ?? 0) + 1;
      joint[k] = p * 2 ** 26 + t;
    }
    let truePairs = 0;
    let predictedPairs = 0;
    let correctPairs = 0;
    for (const c of trueSizes) truePairs += pairs(c ?? 0);
    for (const c of predSizes) predictedPairs += pairs(c ?? 0);
    joint.sort();
    for (let i = 0; i < joint.length; ) {
      let j = i + 1;
      while (j < joint.length && joint[j] === joint[i]) j++;
      if (joint[i]! >= 0) correctPairs += pairs(j - i);
      i = j;
    }
    const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
    const recall = truePairs === 0 ? 1 : correctPairs / truePairs;
    return {
      precision,
      recall,
      f1: f1Score(precision, recall),
      truePairs,
      predictedPairs,
      correctPairs,
      records: n,
      missing,
      unknown: this.unknownRefs.size,
    };
  }
}

/**
 * Scores a run's `record_ref → person_id` against the truth's `record_ref → true_person`
 * (LinkageTally over two maps).
 */
export function scoreLinkage(predicted: ReadonlyMap<string, string>, truth: ReadonlyMap<string, string>): LinkageScore {
  const tally = new LinkageTally();
  for (const [ref, person] of truth) tally.addTruth(ref, person);
  for (const [ref, person] of predicted) tally.addRun(ref, person);
  return tally.score();
}
