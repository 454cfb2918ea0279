import { FINDING_LABELS_ZH } from '../model.js';
import type { Finding, FindingType, PersonRecord } from '../model.js';
import { maskName } from './mask-name.js';
import { maskId } from '../normalise/normalise-id.js';

/** A finding as the analysts' report lists it: names and ID numbers already masked. */
export interface TopFinding {
  findingId: string;
  type: FindingType;
  labelZh: string;
  priority: 1 | 2 | 3;
  areaCode: string;
  address: string;
  /** Surname + '*', '' for dwelling-level findings. */
  name: string;
  /** Masked ID number (430104********1234), or ''. */
  idNumber: string;
  score: number | null;
  reasonZh: string;
  reasonEn: string;
}

/** How many findings the report lists. */
export const TOP_FINDINGS = 50;

/** Orders findings for acting on: priority, then higher score, then finding_id (deterministic). */
export function compareByPriority(a: Finding, b: Finding): number {
  if (a.priority !== b.priority) return a.priority - b.priority;
  const sa = a.score ?? Number.NEGATIVE_INFINITY;
  const sb = b.score ?? Number.NEGATIVE_INFINITY;
  if (sa !== sb) return sb - sa;
  return a.findingId < b.findingId ? -1 : a.findingId > b.findingId ? 1 : 0;
}

/** The `limit` highest-priority findings (REVIEW pairs excluded: they go to review.csv). */
export function selectTopFindings(findings: readonly Finding[], limit = TOP_FINDINGS): Finding[] {
  // a bounded insertion into the best `limit` so far, not a sort of every finding; inserting after equal
  // ones keeps the order of a stable sort
  const best: Finding[] = [];
  if (limit <= 0) return best;
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]!;
    if (f.type === 'REVIEW') continue;
    if (best.length === limit && compareByPriority(f, best[limit - 1]!) >= 0) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareByPriority(f, best[mid]!) < 0) hi = mid;
      else lo = mid + 1;
    }
    best.splice(lo, 0, f);
    if (best.length > limit) best.pop();
  }
  return best;
}

/** Masks a finding for the report; `person` is the person's representative record, if any. */
export function toTopFinding(f: Finding, person: PersonRecord | undefined): TopFinding {
  return {
    findingId: f.findingId,
    type: f.type,
    labelZh: FINDING_LABELS_ZH[f.type],
    priority: f.priority,
    areaCode: f.areaCode,
    address: f.address,
    name: person ? maskName(person.name) : '',
    idNumber: person?.id.value ? maskId(person.id.value) : '',
    score: f.score,
    reasonZh: f.reasonZh,
    reasonEn: f.reasonEn,
  };
}
