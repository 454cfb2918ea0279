import type { PersonRecord } from '../../model.js';
import type { BlockingRule } from './blocking-rule.js';

/** Per-rule record → block keys, in compressed rows (record i's keys are keys[start[i]..start[i+1]]). */
interface RuleKeys {
  start: Int32Array;
  keys: Int32Array;
  /** 1 when the block of that key was generated (not oversized). */
  blockOk: Uint8Array;
}

export interface BlockingStats {
  candidatePairsByRule: Record<string, number>;
  oversizedBlocksByRule: Record<string, number>;
}

/**
 * Generates candidate pairs (l < r) rule by rule. A pair is emitted once, by the first rule
 * (and block) that produces it; only pairs with at least one `active` record are considered,
 * `keep(l, r)` may veto a pair cheaply. Keys are computed once per record per rule; blocks larger
 * than `maxBlockSize` are skipped and counted.
 */
export function blockPairs(
  records: readonly PersonRecord[],
  rules: readonly BlockingRule[],
  maxBlockSize: number,
  active: Uint8Array,
  keep: (l: number, r: number) => boolean,
  onPair: (l: number, r: number, rule: number) => void,
): BlockingStats {
  const n = records.length;
  const done: RuleKeys[] = [];
  const stats: BlockingStats = { candidatePairsByRule: {}, oversizedBlocksByRule: {} };
  // scratch buffers shared by all rules (large typed arrays are costly to allocate and collect)
  let recs = new Int32Array(Math.max(16, n));
  let keys = new Int32Array(recs.length);
  const fill = new Int32Array(n);
  rules.forEach((rule, ruleIx) => {
    const keyFn = rule.prepare(records);
    const ids = new Map<number, number>();
    // (record, key) rows; active records define the keys, inactive ones only join existing blocks
    let m = 0;
    const push = (i: number, k: number): void => {
      if (m === recs.length) {
        const r2 = new Int32Array(m * 2);
        r2.set(recs);
        recs = r2;
        const k2 = new Int32Array(m * 2);
        k2.set(keys);
        keys = k2;
      }
      recs[m] = i;
      keys[m++] = k;
    };
    for (const pass of [1, 0]) {
      for (let i = 0; i < n; i++) {
        if (active[i] !== pass) continue;
        const out = keyFn(records[i]!);
        if (typeof out === 'number') {
          if (out !== 0) addKey(i, out, pass === 1);
        } else for (const k of out) if (k !== 0) addKey(i, k, pass === 1);
      }
    }
    function addKey(i: number, key: number, create: boolean): void {
      let id = ids.get(key);
      if (id === undefined) {
        if (!create) return;
        id = ids.size;
        ids.set(key, id);
      }
      push(i, id);
    }
    const nKeys = ids.size;
    ids.clear();
    // record → keys (sorted by record), and key → members (sorted by record)
    const start = new Int32Array(n + 1);
    for (let t = 0; t < m; t++) start[recs[t]! + 1]!++;
    for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
    const recKeys = new Int32Array(m);
    fill.set(start.subarray(0, n));
    for (let t = 0; t < m; t++) recKeys[fill[recs[t]!]!++] = keys[t]!;
    const bStart = new Int32Array(nKeys + 1);
    for (let t = 0; t < m; t++) bStart[keys[t]! + 1]!++;
    for (let k = 0; k < nKeys; k++) bStart[k + 1]! += bStart[k]!;
    const members = new Int32Array(m);
    const bFill = bStart.slice(0, nKeys);
    for (let i = 0; i < n; i++) {
      for (let t = start[i]!; t < start[i + 1]!; t++) {
        const k = recKeys[t]!;
        // a record can emit the same key twice (multi-key rules): keep one membership
        if (bFill[k]! > bStart[k]! && members[bFill[k]! - 1] === i) continue;
        members[bFill[k]!++] = i;
      }
    }
    const blockOk = new Uint8Array(nKeys);
    const current: RuleKeys = { start, keys: recKeys, blockOk };
    let pairs = 0;
    let oversized = 0;
    for (let k = 0; k < nKeys; k++) {
      const from = bStart[k]!;
      const to = bFill[k]!;
      const size = to - from;
      if (size < 2) continue;
      if (size > maxBlockSize) {
        oversized++;
        continue;
      }
      blockOk[k] = 1;
      for (let x = from; x < to; x++) {
        const a = members[x]!;
        const aActive = active[a] === 1;
        for (let y = x + 1; y < to; y++) {
          const b = members[y]!;
          if (!aActive && active[b] !== 1) continue;
          if (sharesEarlierKey(current, a, b, k)) continue;
          let seen = false;
          for (const prev of done) {
            if (sharesEarlierKey(prev, a, b, Number.MAX_SAFE_INTEGER)) {
              seen = true;
              break;
            }
          }
          if (seen || !keep(a, b)) continue;
          pairs++;
          onPair(a, b, ruleIx);
        }
      }
    }
    done.push(current);
    stats.candidatePairsByRule[rule.name] = (stats.candidatePairsByRule[rule.name] ?? 0) + pairs;
    stats.oversizedBlocksByRule[rule.name] = (stats.oversizedBlocksByRule[rule.name] ?? 0) + oversized;
  });
  return stats;
}

/** True when records a and b share a generated block key below `limit` (an earlier block of the rule). */
function sharesEarlierKey(rk: RuleKeys, a: number, b: number, limit: number): boolean {
  const a0 = rk.start[a]!;
  const a1 = rk.start[a + 1]!;
  if (a0 === a1) return false;
  const b0 = rk.start[b]!;
  const b1 = rk.start[b + 1]!;
  for (let s = a0; s < a1; s++) {
    const k = rk.keys[s]!;
    if (k >= limit || rk.blockOk[k] !== 1) continue;
    for (let t = b0; t < b1; t++) if (rk.keys[t] === k) return true;
  }
  return false;
}
