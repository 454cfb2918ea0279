import { f1Score } from './score-linkage.js';

/** A finding reduced to what scoring needs. */
export interface ScoredFinding {
  type: string;
  refs: readonly string[];
}

export interface FindingScoreRow {
  /** Finding type, or the combined group's name. */
  type: string;
  truth: number;
  predicted: number;
  matched: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface FindingScores {
  byType: FindingScoreRow[];
  /** DUPLICATE, OMISSION and REGISTERED_ABSENT scored as one type. */
  combined: FindingScoreRow;
  /** REVIEW findings are not scored (the truth has none); their count. */
  review: number;
}

/** Types scored together in the combined row. */
export const COMBINED_TYPES = ['DUPLICATE', 'OMISSION', 'REGISTERED_ABSENT'] as const;
export const COMBINED_NAME = 'DUPLICATE+OMISSION+REGISTERED_ABSENT';

/**
 * One-to-one matching of predicted to truth findings of one group: a prediction takes the unmatched
 * truth finding whose record refs overlap most (ties: the earliest). Returns the number matched.
 */
export function matchFindings(predicted: readonly ScoredFinding[], truth: readonly ScoredFinding[]): number {
  const byRef = new Map<string, number[]>();
  truth.forEach((t, i) => {
    for (const ref of t.refs) {
      let list = byRef.get(ref);
      if (!list) byRef.set(ref, (list = []));
      list.push(i);
    }
  });
  const taken = new Uint8Array(truth.length);
  let matched = 0;
  const overlap = new Map<number, number>();
  for (const p of predicted) {
    overlap.clear();
    for (const ref of new Set(p.refs)) {
      for (const i of byRef.get(ref) ?? []) if (!taken[i]) overlap.set(i, (overlap.get(i) ?? 0) + 1);
    }
    let best = -1;
    let bestN = 0;
    for (const [i, n] of overlap) {
      if (n > bestN || (n === bestN && i < best)) {
        best = i;
        bestN = n;
      }
    }
    if (best >= 0) {
      taken[best] = 1;
      matched++;
    }
  }
  return matched;
}

function row(type: string, predicted: readonly ScoredFinding[], truth: readonly ScoredFinding[]): FindingScoreRow {
  const matched = matchFindings(predicted, truth);
  const precision = predicted.length === 0 ? 1 : matched / predicted.length;
  const recall = truth.length === 0 ? 1 : matched / truth.length;
  return { type, truth: truth.length, predicted: predicted.length, matched, precision, recall, f1: f1Score(precision, recall) };
}

function groupByType(findings: readonly ScoredFinding[]): Map<string, ScoredFinding[]> {
  const out = new Map<string, ScoredFinding[]>();
  for (const f of findings) {
    let list = out.get(f.type);
    if (!list) out.set(f.type, (list = []));
    list.push(f);
  }
  return out;
}

/** Per-type precision/recall/F1 of a run's findings against the truth, plus the combined row. */
export function scoreFindings(predicted: readonly ScoredFinding[], truth: readonly ScoredFinding[], typeOrder: readonly string[] = []): FindingScores {
  const pred = groupByType(predicted.filter((f) => f.type !== 'REVIEW'));
  const tru = groupByType(truth.filter((f) => f.type !== 'REVIEW'));
  const types = [...new Set([...typeOrder.filter((t) => t !== 'REVIEW' && (pred.has(t) || tru.has(t))), ...[...tru.keys()].sort(), ...[...pred.keys()].sort()])];
  const byType = types.map((t) => row(t, pred.get(t) ?? [], tru.get(t) ?? []));
  const inGroup = (f: ScoredFinding) => (COMBINED_TYPES as readonly string[]).includes(f.type);
  const combined = row(COMBINED_NAME, predicted.filter(inGroup), truth.filter(inGroup));
  return { byType, combined, review: predicted.length - predicted.filter((f) => f.type !== 'REVIEW').length };
}
