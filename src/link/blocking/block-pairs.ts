import type { PersonRecord } from '../../model.js';
import { IntIdMap } from '../int-map.js';
import type { BlockingContext, BlockingRule } from './blocking-rule.js';

/**
 * Per-rule record → generated block keys, to skip pairs an earlier rule already produced.
 * Single-key rules keep one key per record in their column of the shared row table
 * (`rowKeys[i * rules + column]`, -1 for none or an oversized block); multi-key rules keep
 * compressed rows (record i's keys are keys[start[i]..start[i+1]]).
 */
interface RuleKeys {
  /** The rule's column in the row table, or -1 for a multi-key rule. */
  column: number;
  start: Int32Array;
  keys: Int32Array;
  /** 1 when the block of that key was generated (not oversized). */
  blockOk: Uint8Array;
  /** The rule's pair condition: a pair sharing a key but failing it was not emitted by the rule. */
  pairFilter: BlockingRule['pairFilter'];
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
  /** Lookups the rules may use (linkage passes its ID pass's index). */
  context: BlockingContext,
): BlockingStats {
  const n = records.length;
  const done: RuleKeys[] = [];
  // Every single-key rule's block id of record i, side by side in one row: a pair checks all
  // earlier rules by reading two rows (a cache line each) instead of two cells in each rule's own
  // array. Those reads were one to two cache misses per earlier rule and visited pair; at a million
  // persons the rules visit 5.2 M pairs, and the later rules check seven earlier ones. Until its
  // rule runs, a one-key rule's column holds the raw keys.
  const width = rules.length;
  const rowKeys = new Int32Array(n * width);
  const stats: BlockingStats = { candidatePairsByRule: {}, oversizedBlocksByRule: {} };
  // scratch buffers shared by all rules: every large typed array allocated counts as external
  // memory, and enough of it triggers a full collection of the (large) record heap
  let recs = new Int32Array(Math.max(16, n));
  let keys = new Int32Array(recs.length);
  let members = new Int32Array(recs.length);
  let bStart = new Int32Array(n + 1);
  let bFill = new Int32Array(n + 1);
  const fill = new Int32Array(n);
  const activePos = new Int32Array(maxBlockSize + 1);
  const ids = new IntIdMap(n);
  // One bit per key (hashed) of the active records: most inactive records' keys are in no active
  // block (at 300k persons the ID rule has 4.9 M inactive rows for 0.43 M active ones), and this
  // 1 MiB set answers most of those lookups from the cache, where the id map (tens of MB at 1M) does not.
  const activeBits = new Int32Array(ACTIVE_BITS >>> 5);
  const keyFns = rules.map((rule) => rule.prepare(records, context));
  // The one-key rules' keys, record by record, into their columns of the row table (0 for none):
  // each record and the strings it points to are fetched once for all those rules rather than once
  // per rule. At a million persons (2.06 M records) the six default one-key rules took 2.0 s this
  // way against 4.0 s rule by rule, most of it waiting on memory.
  const oneKey = rules.flatMap((rule, ruleIx) => (rule.keys === 'one' ? [ruleIx] : []));
  for (let i = 0, row = 0; i < n; i++, row += width) {
    const record = records[i]!;
    for (const ruleIx of oneKey) rowKeys[row + ruleIx] = (keyFns[ruleIx] as (r: PersonRecord) => number)(record);
  }
  rules.forEach((rule, ruleIx) => {
    const keyFn = keyFns[ruleIx]!;
    const precomputed = rule.keys === 'one';
    const pairFilter = rule.pairFilter;
    ids.clear();
    activeBits.fill(0);
    // (record, key) rows; active records define the keys, inactive ones only join existing blocks
    let m = 0;
    let multi = false;
    for (const pass of [1, 0]) {
      for (let i = 0; i < n; i++) {
        if (active[i] !== pass) continue;
        const out = precomputed ? rowKeys[i * width + ruleIx]! : keyFn(records[i]!);
        if (typeof out === 'number') {
          if (out !== 0) addKey(i, out, pass === 1);
        } else {
          const m0 = m;
          for (const k of out) if (k !== 0) addKey(i, k, pass === 1);
          if (m - m0 > 1) multi = true;
        }
      }
    }
    function addKey(i: number, key: number, create: boolean): void {
      const bit = Math.imul(key, 0x9e3779b1) >>> ACTIVE_SHIFT;
      let id: number;
      if (create) {
        activeBits[bit >>> 5]! |= 1 << (bit & 31);
        id = ids.add(key);
      } else {
        if ((activeBits[bit >>> 5]! & (1 << (bit & 31))) === 0) return;
        id = ids.get(key);
        if (id < 0) return;
      }
      if (m === recs.length) {
        recs = grow(recs, m);
        keys = grow(keys, m);
      }
      recs[m] = i;
      keys[m++] = id;
    }
    const nKeys = ids.size;
    // key → members, sorted by record (rows are in pass order, so place them record by record)
    if (bStart.length < nKeys + 1) {
      bStart = new Int32Array(nKeys + 1);
      bFill = new Int32Array(nKeys + 1);
    } else bStart.fill(0, 0, nKeys + 1);
    if (members.length < m) members = new Int32Array(recs.length);
    for (let t = 0; t < m; t++) bStart[keys[t]! + 1]!++;
    for (let k = 0; k < nKeys; k++) bStart[k + 1]! += bStart[k]!;
    bFill.set(bStart.subarray(0, nKeys));
    let current: RuleKeys;
    // the rule's column now holds block ids: -1 unless a row gave the record a key
    for (let at = ruleIx; at < rowKeys.length; at += width) rowKeys[at] = -1;
    if (!multi) {
      for (let t = 0; t < m; t++) rowKeys[recs[t]! * width + ruleIx] = keys[t]!;
      for (let i = 0, at = ruleIx; i < n; i++, at += width) {
        const k = rowKeys[at]!;
        if (k >= 0) members[bFill[k]!++] = i;
      }
      current = { column: ruleIx, start: EMPTY, keys: EMPTY, blockOk: new Uint8Array(nKeys), pairFilter };
    } else {
      // record → keys (sorted by record)
      const start = new Int32Array(n + 1);
      for (let t = 0; t < m; t++) start[recs[t]! + 1]!++;
      for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
      const recKeys = new Int32Array(m);
      fill.set(start.subarray(0, n));
      for (let t = 0; t < m; t++) recKeys[fill[recs[t]!]!++] = keys[t]!;
      for (let i = 0; i < n; i++) {
        for (let t = start[i]!; t < start[i + 1]!; t++) {
          const k = recKeys[t]!;
          // a record can emit the same key twice (multi-key rules): keep one membership
          if (bFill[k]! > bStart[k]! && members[bFill[k]! - 1] === i) continue;
          members[bFill[k]!++] = i;
        }
      }
      current = { column: -1, start, keys: recKeys, blockOk: new Uint8Array(nKeys), pairFilter };
    }
    const blockOk = current.blockOk;
    let pairs = 0;
    let oversized = 0;
    const visit = (a: number, b: number, k: number): void => {
      // a single-key rule's pair shares only this block's key
      if (pairFilter && !pairFilter(records[a]!, records[b]!)) return;
      if (multi && sharesEarlierKey(rowKeys, width, current, a, b, k)) return;
      for (let d = 0; d < done.length; d++) {
        const earlier = done[d]!;
        if (sharesEarlierKey(rowKeys, width, earlier, a, b, Number.MAX_SAFE_INTEGER) && (!earlier.pairFilter || earlier.pairFilter(records[a]!, records[b]!))) return;
      }
      if (!keep(a, b)) return;
      pairs++;
      onPair(a, b, ruleIx);
    };
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
      // Only pairs with an active record count. Visiting every pair of a block and skipping the
      // inactive ones cost O(size²) per block, most of the link stage at 1M persons; this visits
      // O(active × size) pairs, in the same order (position x, then y > x).
      let nActive = 0;
      for (let x = from; x < to; x++) if (active[members[x]!] === 1) activePos[nActive++] = x;
      if (nActive === 0) continue;
      let nextActive = 0;
      for (let x = from; x < to; x++) {
        while (nextActive < nActive && activePos[nextActive]! <= x) nextActive++;
        const a = members[x]!;
        if (active[a] === 1) {
          for (let y = x + 1; y < to; y++) visit(a, members[y]!, k);
        } else {
          for (let t = nextActive; t < nActive; t++) visit(a, members[activePos[t]!]!, k);
        }
      }
    }
    if (current.column >= 0) {
      // keep only generated blocks: the check of later rules is then one comparison
      for (let at = ruleIx; at < rowKeys.length; at += width) if (rowKeys[at]! >= 0 && blockOk[rowKeys[at]!] !== 1) rowKeys[at] = -1;
    }
    done.push(current);
    stats.candidatePairsByRule[rule.name] = (stats.candidatePairsByRule[rule.name] ?? 0) + pairs;
    stats.oversizedBlocksByRule[rule.name] = (stats.oversizedBlocksByRule[rule.name] ?? 0) + oversized;
  });
  return stats;
}

const EMPTY = new Int32Array(0);
const ACTIVE_SHIFT = 9;
const ACTIVE_BITS = 2 ** (32 - ACTIVE_SHIFT);

function grow(a: Int32Array<ArrayBuffer>, length: number): Int32Array<ArrayBuffer> {
  const out = new Int32Array(length * 2);
  out.set(a);
  return out;
}

/** True when records a and b share a generated block key below `limit` (an earlier block of the rule). */
function sharesEarlierKey(rowKeys: Int32Array, width: number, rk: RuleKeys, a: number, b: number, limit: number): boolean {
  if (rk.column >= 0) {
    const k = rowKeys[a * width + rk.column]!;
    return k >= 0 && k < limit && k === rowKeys[b * width + rk.column]! && rk.blockOk[k] === 1;
  }
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
