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

/** Maps labels to dense integers. */
function interner(): (label: string) => number {
  const ids = new Map<string, number>();
  return (label) => {
    let i = ids.get(label);
    if (i === undefined) ids.set(label, (i = ids.size));
    return i;
  };
}

/** F1 of a precision and recall (0 when both are 0). */
export function f1Score(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

/**
 * Scores a run's `record_ref → person_id` against the truth's `record_ref → true_person`:
 * sums C(n,2) over true clusters, predicted clusters and their intersections.
 */
export function scoreLinkage(predicted: ReadonlyMap<string, string>, truth: ReadonlyMap<string, string>): LinkageScore {
  // Dense integer labels and one sorted key per record keep this fast and lean for millions of records.
  const trueIx = interner();
  const predIx = interner();
  const trueSizes: number[] = [];
  const predSizes: number[] = [];
  const joint = new Float64Array(truth.size);
  let missing = 0;
  let k = 0;
  for (const [ref, trueId] of truth) {
    const t = trueIx(trueId);
    trueSizes[t] = (trueSizes[t] ?? 0) + 1;
    const pred = predicted.get(ref);
    if (pred === undefined) {
      missing++;
      joint[k++] = -1;
      continue;
    }
    const p = predIx(pred);
    predSizes[p] = (predSizes[p] ?? 0) + 1;
    joint[k++] = p * 2 ** 26 + t;
  }
  let unknown = 0;
  for (const ref of predicted.keys()) if (!truth.has(ref)) unknown++;
  let truePairs = 0;
  let predictedPairs = 0;
  let correctPairs = 0;
  for (const n of trueSizes) truePairs += pairs(n ?? 0);
  for (const n of predSizes) predictedPairs += pairs(n ?? 0);
  joint.sort();
  for (let i = 0; i < joint.length; ) {
    let j = i + 1;
    while (j < joint.length && joint[j] === joint[i]) j++;
    if (joint[i]! >= 0) correctPairs += pairs(j - i);
    i = j;
  }
  const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs;
  return { precision, recall, f1: f1Score(precision, recall), truePairs, predictedPairs, correctPairs, records: truth.size, missing, unknown };
}
