import { SOURCE_KINDS, type PersonRecord } from '../model.js';
import { comparisons } from './comparisons/comparisons.js';
import { idOneOff } from './comparisons/id-number.js';
import type { LinkageModel } from './linkage-model.js';
import { scorePair } from './score-pair.js';
import type { UnionFind } from './union-find.js';

const K = SOURCE_KINDS.length;
const KIND_INDEX = new Map<string, number>(SOURCE_KINDS.map((k, i) => [k, i]));
/** Above this many cross pairs only the ID rules are checked on a merge. */
const MAX_CROSS_PAIRS = 400;
const [nameCmp, birthCmp, sexCmp] = ['name', 'birth_date', 'sex'].map((n) => comparisons.find((c) => c.name === n)!);
const NAME_ELSE = nameCmp!.levels.length - 1;
const BIRTH_ELSE = birthCmp!.levels.length - 1;
const SEX_ELSE = sexCmp!.levels.length - 1;

/**
 * Two records that cannot be one person whatever joins them: birth dates clearly differ and so do
 * sex or name, or an unnamed record (a newborn) is a dozen years apart from the other (mother and baby).
 */
export function hardConflict(x: PersonRecord, y: PersonRecord): boolean {
  if (birthCmp!.compare(x, y) !== BIRTH_ELSE) return false;
  if (sexCmp!.compare(x, y) === SEX_ELSE) return true;
  const nm = nameCmp!.compare(x, y);
  if (nm === NAME_ELSE) return true;
  if (nm === 0) {
    const dy = Math.abs(Number(x.birthDate.slice(0, 4)) - Number(y.birthDate.slice(0, 4)));
    if (dy >= 12) return true;
  }
  return false;
}

/** Two ID-tagged records that cannot be one person: different valid numbers not one typo apart, or from one source. */
export function idConflict(x: PersonRecord, y: PersonRecord, tx: number, ty: number): boolean {
  if (tx < 0 || ty < 0 || tx === ty) return false;
  if (x.id.value === y.id.value) return true; // one number, two people (kept apart by the ID pass)
  if (x.source === y.source) return true;
  return !idOneOff(x.id.value, y.id.value);
}

/**
 * Best-first clustering: edges (already sorted strongest first) join clusters unless the merge
 * would put conflicting records together. No chaining: A~B and B~C do not join A and C when they
 * conflict. Two records of one kind (two enumeration records, two register entries …) join only
 * when that pair itself scores at least `model.strongWeight`, and at most two per kind.
 * Returns the indices (into the edge arrays) of the edges that formed clusters.
 */
export function clusterPairs(
  records: readonly PersonRecord[],
  model: LinkageModel,
  uf: UnionFind,
  idTag: Int32Array,
  edgeL: Int32Array,
  edgeR: Int32Array,
  order: Int32Array,
): number[] {
  const n = records.length;
  const head = new Int32Array(n).fill(-1);
  const tail = new Int32Array(n).fill(-1);
  const next = new Int32Array(n).fill(-1);
  const size = new Int32Array(n);
  const kinds = new Uint8Array(n * K);
  for (let i = 0; i < n; i++) {
    const r = uf.find(i);
    if (head[r] === -1) head[r] = i;
    else next[tail[r]!] = i;
    tail[r] = i;
    size[r]!++;
    const k = r * K + KIND_INDEX.get(records[i]!.kind)!;
    if (kinds[k]! < 255) kinds[k]!++;
  }
  const accepted: number[] = [];
  for (let e = 0; e < order.length; e++) {
    const ix = order[e]!;
    const ra = uf.find(edgeL[ix]!);
    const rb = uf.find(edgeR[ix]!);
    if (ra === rb || !canMerge(ra, rb)) continue;
    const root = uf.union(ra, rb);
    const other = root === ra ? rb : ra;
    next[tail[root]!] = head[other]!;
    tail[root] = tail[other]!;
    size[root]! += size[other]!;
    for (let k = 0; k < K; k++) kinds[root * K + k] = Math.min(255, kinds[root * K + k]! + kinds[other * K + k]!);
    accepted.push(ix);
  }
  return accepted;

  function canMerge(ra: number, rb: number): boolean {
    for (let k = 0; k < K; k++) {
      const a = kinds[ra * K + k]!;
      const b = kinds[rb * K + k]!;
      if (a === 0 || b === 0) continue;
      if (a + b > 2) return false;
      const x = firstOfKind(ra, k);
      const y = firstOfKind(rb, k);
      if (scorePair(model, records[x]!, records[y]!).matchWeight < model.strongWeight) return false;
    }
    const full = size[ra]! * size[rb]! <= MAX_CROSS_PAIRS;
    for (let x = head[ra]!; x !== -1; x = next[x]!) {
      const rx = records[x]!;
      const tx = idTag[x]!;
      if (!full && tx < 0) continue;
      for (let y = head[rb]!; y !== -1; y = next[y]!) {
        const ry = records[y]!;
        if (idConflict(rx, ry, tx, idTag[y]!)) return false;
        if (full && hardConflict(rx, ry)) return false;
      }
    }
    return true;
  }

  function firstOfKind(root: number, k: number): number {
    const kind = SOURCE_KINDS[k];
    for (let x = head[root]!; x !== -1; x = next[x]!) if (records[x]!.kind === kind) return x;
    return -1;
  }
}
