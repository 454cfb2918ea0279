import type { IdCollision, PersonRecord } from '../model.js';
import { comparisons } from './comparisons/comparisons.js';
import { idCheckChar } from '../normalise/normalise-id.js';
import { IntIdMap } from './int-map.js';
import { keyHash } from './key-hash.js';

const [nameCmp, birthCmp, sexCmp] = ['name', 'birth_date', 'sex'].map((n) => comparisons.find((c) => c.name === n)!);
const isElse = (c: (typeof comparisons)[number], l: PersonRecord, r: PersonRecord): boolean =>
  c.compare(l, r) === c.levels.length - 1;

/** Name, sex and birth date all clearly disagree (missing values never disagree). */
export function clearlyDifferent(l: PersonRecord, r: PersonRecord): boolean {
  return isElse(nameCmp!, l, r) && isElse(sexCmp!, l, r) && isElse(birthCmp!, l, r);
}

export interface IdPassResult {
  /** Edges that join records into ID-proven persons: [from, to] record indices. */
  edgesL: Int32Array;
  edgesR: Int32Array;
  /** 1 for an edge between two different numbers, one a typo of the other (typoNeighbour); 0 for one number. */
  edgeTypo: Uint8Array;
  collisions: IdCollision[];
  /** record → ID tag: one per (valid ID, person carrying it); -1 without a valid ID. */
  idTag: Int32Array;
  /** record → 1 when its ID settled it (shared with another record of the same person). */
  settled: Uint8Array;
  /** Pairs of records proven the same person by a shared ID. */
  matchPairs: number;
  /** Positions of the records holding `value` as a valid ID, in order (an index kept from the pass). */
  holdersOf(value: string): number[];
  validRecords: number;
}

/**
 * Deterministic pass: records sharing a valid ID are one person, unless name, sex and birth
 * date all clearly disagree (一号多人). A group that disagrees with the ID's owner but agrees with
 * the holders of a number one typo away is that typo, not a collision.
 */
export function idPass(records: readonly PersonRecord[]): IdPassResult {
  const n = records.length;
  // hash buckets chained through typed arrays: no per-ID objects for the millions of singletons
  const hashes = new IntIdMap(n);
  const head = new Int32Array(n); // hash id → first record
  const next = new Int32Array(n).fill(-1);
  const tail = new Int32Array(n).fill(-1);
  let validRecords = 0;
  for (let i = 0; i < n; i++) {
    const id = records[i]!.id;
    if (id.quality !== 'valid' || id.value.length !== 18) continue;
    validRecords++;
    const before = hashes.size;
    const h = hashes.add(keyHash(id.value));
    if (h === before) {
      head[h] = i;
      tail[i] = i;
    } else {
      const first = head[h]!;
      next[tail[first]!] = i;
      tail[first] = i;
    }
  }
  const holders = (value: string): number[] => {
    const out: number[] = [];
    const h = hashes.get(keyHash(value));
    if (h >= 0) for (let i = head[h]!; i !== -1; i = next[i]!) if (records[i]!.id.value === value) out.push(i);
    return out;
  };
  const idTag = new Int32Array(n).fill(-1);
  const settled = new Uint8Array(n);
  // at most one edge per valid record: arrays of that length, cut to the edges made (growing number
  // arrays by push copied them into fresh memory a dozen times at a million persons)
  const edgesL = new Int32Array(validRecords);
  const edgesR = new Int32Array(validRecords);
  const edgeTypo = new Uint8Array(validRecords);
  let edges = 0;
  const edge = (l: number, r: number, typo: boolean): void => {
    edgesL[edges] = l;
    edgesR[edges] = r;
    if (typo) edgeTypo[edges] = 1;
    edges++;
  };
  const collisions: IdCollision[] = [];
  let tag = 0;
  let matchPairs = 0;
  const sameIds: Array<[string, number[]]> = [];
  for (let h = 0; h < hashes.size; h++) {
    const first = head[h]!;
    if (next[first] === -1) {
      idTag[first] = tag++;
      continue;
    }
    const second = next[first]!;
    if (next[second] === -1 && records[first]!.id.value === records[second]!.id.value && !clearlyDifferent(records[first]!, records[second]!)) {
      // the common case (a person's census and register records): what resolveId does for two agreeing holders, without its lists
      const t = tag++;
      idTag[first] = idTag[second] = t;
      settled[first] = settled[second] = 1;
      edge(first, second, false);
      matchPairs++;
      continue;
    }
    sameIds.length = 0;
    for (let i = first; i !== -1; i = next[i]!) {
      const v = records[i]!.id.value;
      const entry = sameIds.find((e) => e[0] === v);
      if (entry) entry[1].push(i);
      else sameIds.push([v, [i]]);
    }
    for (const [value, list] of sameIds) {
      if (list.length === 1) idTag[list[0]!] = tag++;
      else tag = resolveId(value, list, tag);
    }
  }
  function resolveId(value: string, list: number[], tag: number): number {
    const groups: number[][] = [];
    for (const i of list) {
      const g = groups.find((gr) => !clearlyDifferent(records[gr[0]!]!, records[i]!));
      if (g) g.push(i);
      else groups.push([i]);
    }
    if (groups.length > 1) {
      // the owner agrees with the birth date the number implies; the others may be typos of a neighbour
      const implied = records[list[0]!]!.id.birthDate;
      const ownerIx = Math.max(0, groups.findIndex((g) => g.some((i) => records[i]!.birthDate === implied)));
      for (let gi = groups.length - 1; gi >= 0; gi--) {
        if (gi === ownerIx) continue;
        const g = groups[gi]!;
        const target = typoNeighbour(value, records[g[0]!]!, holders, records);
        if (target < 0) continue;
        edge(target, g[0]!, true);
        groups.splice(gi, 1);
        for (const i of g) {
          idTag[i] = -2 - target; // provisional: resolved to the target's tag below
          settled[i] = 1;
          settled[target] = 1;
        }
        for (let k = 1; k < g.length; k++) edge(g[0]!, g[k]!, false);
      }
    }
    if (groups.length > 1) collisions.push({ id: value, groups: groups.map((g) => [...g]) });
    for (const g of groups) {
      const t = tag++;
      for (const i of g) idTag[i] = t;
      if (g.length > 1 && groups.length === 1) for (const i of g) settled[i] = 1;
      for (let k = 1; k < g.length; k++) edge(g[0]!, g[k]!, false);
      matchPairs += (g.length * (g.length - 1)) / 2;
    }
    return tag;
  }
  for (let i = 0; i < n; i++) if (idTag[i]! <= -2) idTag[i] = idTag[-2 - idTag[i]!]!;
  return {
    edgesL: edgesL.subarray(0, edges),
    edgesR: edgesR.subarray(0, edges),
    edgeTypo: edgeTypo.subarray(0, edges),
    collisions,
    idTag,
    settled,
    matchPairs,
    validRecords,
    holdersOf: holders,
  };
}

/** A record holding a valid ID one typo away from `value` who is the same person as `rec`, or -1. */
function typoNeighbour(value: string, rec: PersonRecord, holdersOf: (v: string) => number[], records: readonly PersonRecord[]): number {
  const tryValue = (v: string): number => {
    if (v === value || v[17] !== idCheckChar(v.slice(0, 17))) return -1;
    for (const h of holdersOf(v)) if (!clearlyDifferent(records[h]!, rec)) return h;
    return -1;
  };
  const head = value.slice(0, 17);
  for (let p = 0; p < 17; p++) {
    for (let d = 0; d <= 9; d++) {
      const v = head.slice(0, p) + String(d) + head.slice(p + 1);
      const hit = tryValue(v + idCheckChar(v));
      if (hit >= 0) return hit;
    }
    if (p < 16) {
      const v = head.slice(0, p) + head[p + 1]! + head[p]! + head.slice(p + 2);
      const hit = tryValue(v + idCheckChar(v));
      if (hit >= 0) return hit;
    }
  }
  return -1;
}
