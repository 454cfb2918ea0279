import type { LinkageResult, LinkPass, LinkTable, PersonRecord, ScoredPair } from '../model.js';
import type { LinkageConfig } from '../pipeline/pipeline-schema.js';
import { blockPairs, type PairVeto } from './blocking/block-pairs.js';
import { blockingRules } from './blocking/blocking-rules.js';
import { clusterPairs } from './cluster-pairs.js';
import { comparisonPattern, PATTERN_COUNT, patternLevel } from './comparison-pattern.js';
import { comparisons } from './comparisons/comparisons.js';
import { idOneOff } from './comparisons/id-number.js';
import { idDigitColumns } from './blocking/id-number.js';
import { idPass } from './id-pass.js';
import { type LinkageModel, probabilityToWeight, weightToProbability } from './linkage-model.js';
import { IntIdMap } from './int-map.js';
import { keyHash } from './key-hash.js';
import { PairBuffer } from './pair-buffer.js';
import { personId } from './person-ids.js';
import { nameExactWeight, scorePair, TF_COMPARISON } from './score-pair.js';
import { estimateFromRecords, type RecordEstimates, trainModel } from './train-model.js';
import { UnionFind } from './union-find.js';
import { compareText } from '../lib/compare-text.js';
import { recordRef } from '../lib/record-ref.js';

/** Steps reported to `onStep`: ID pass, blocking, training, scoring, clustering. */
export const LINK_STEPS = 5;

/** Label pairs used to estimate m (at most). */
const MAX_LABEL_PAIRS = 100_000;
const HISTOGRAM_FROM = -40;
const HISTOGRAM_TO = 60;
const HISTOGRAM_STEP = 5;

/**
 * Entity resolution: a deterministic pass on valid ID numbers, then blocking, Fellegi–Sunter
 * scoring and best-first clustering with conflict checks for what the ID could not settle.
 * Pure and synchronous; `records[i]` is addressed by its position, reported by its `ix`.
 */
export function link(
  records: readonly PersonRecord[],
  config: LinkageConfig,
  /** Told after each of the LINK_STEPS steps, with the candidate pairs generated so far. */
  onStep: (done: number, candidatePairs: number) => void = () => {},
): LinkageResult {
  const t0 = performance.now();
  const n = records.length;
  // in a run record i's ix is i: then a pair's ixs need no record fetched (a million ID edges at 1M)
  let aligned = true;
  for (let i = 0; i < n && aligned; i++) aligned = records[i]!.ix === i;
  const ordered = (a: number, b: number): [number, number] => {
    const x = aligned ? a : records[a]!.ix;
    const y = aligned ? b : records[b]!.ix;
    return x < y ? [x, y] : [y, x];
  };

  // 1. deterministic pass
  const ids = idPass(records);
  const uf = new UnionFind(n);
  for (let k = 0; k < ids.edgesL.length; k++) uf.union(ids.edgesL[k]!, ids.edgesR[k]!);
  const validPairs = (ids.validRecords * (ids.validRecords - 1)) / 2;
  const prior =
    ids.matchPairs > 0 && validPairs > 0 ? ids.matchPairs / validPairs : Math.min(0.5, 2 / Math.max(n, 4));

  onStep(1, 0);
  // 2. blocking: pairs involving a record the ID did not settle
  const active = new Uint8Array(n);
  for (let i = 0; i < n; i++) active[i] = ids.settled[i] ? 0 : 1;
  const idTag = ids.idTag;
  // pairVeto (below) gives a blocking worker these vetoes as arrays: keep the two in step
  const keep = (l: number, r: number): boolean => {
    if (uf.find(l) === uf.find(r)) return false;
    const tl = idTag[l]!;
    const tr = idTag[r]!;
    if (tl < 0 || tr < 0) return true;
    const a = records[l]!;
    const b = records[r]!;
    return a.source !== b.source && idOneOff(a.id.value, b.id.value);
  };
  const pairs = new PairBuffer();
  const patternCounts = new Float64Array(PATTERN_COUNT);
  const rules = config.blocking_rules.map((name) => blockingRules[name]);
  const labels = labelPairs(ids.edgesL, ids.edgesR);
  const recordData = { records, labelL: labels.l, labelR: labels.r, prior };
  // training's estimates from the records alone, worked out while a blocking worker groups blocks
  let estimates: RecordEstimates | undefined;
  // every comparable ID number as digits, made once for the veto and the ID rule (whichever asks first)
  let idDigits: Int32Array[] | undefined;
  const digits = (): Int32Array[] => (idDigits ??= idDigitColumns(records));
  const blocking = blockPairs(
    records,
    rules,
    config.max_block_size,
    active,
    keep,
    (l, r, rule) => {
      const p = comparisonPattern(records[l]!, records[r]!);
      patternCounts[p]!++;
      pairs.push(l, r, p, rule);
    },
    { holdersOfId: ids.holdersOf, idDigits: digits },
    { veto: () => pairVeto(records, uf, idTag, digits()), meanwhile: () => (estimates = estimateFromRecords(recordData, config)) },
  );

  onStep(2, pairs.length);
  // 3. training
  const model = trainModel({ ...recordData, patternCounts, candidatePairs: pairs.length }, config, estimates);

  onStep(3, pairs.length);
  // 4. scoring: pattern weights plus the name's term-frequency adjustment
  const patternWeight = new Float64Array(PATTERN_COUNT);
  for (let p = 0; p < PATTERN_COUNT; p++) {
    if (patternCounts[p] === 0) continue;
    let w = model.priorWeight;
    for (let ci = 0; ci < comparisons.length; ci++) w += model.comparisons[ci]!.levels[patternLevel(p, ci)]!.weight;
    patternWeight[p] = w;
  }
  const tfLevel = comparisons[TF_COMPARISON]!.exactLevel!;
  const tfAverage = model.comparisons[TF_COMPARISON]!.levels[tfLevel]!.weight;
  // the name's weight depends on its key only through keyHash (the model's table key): cache by hash
  const tfIds = new IntIdMap();
  let tfWeights = new Float64Array(1024);
  const reviewWeight = probabilityToWeight(config.review_threshold);
  const matchWeight = probabilityToWeight(config.match_threshold);
  const buckets = new Float64Array(Math.ceil((HISTOGRAM_TO - HISTOGRAM_FROM) / HISTOGRAM_STEP) + 2);
  const kept: number[] = [];
  const keptWeight: number[] = [];
  for (let k = 0; k < pairs.length; k++) {
    const p = pairs.pattern[k]!;
    let w = patternWeight[p]!;
    if (patternLevel(p, TF_COMPARISON) === tfLevel) {
      const key = records[pairs.l[k]!]!.name.key;
      const h = keyHash(key);
      let id = tfIds.get(h);
      if (id < 0) {
        id = tfIds.add(h);
        if (id === tfWeights.length) {
          const grown = new Float64Array(id * 2);
          grown.set(tfWeights);
          tfWeights = grown;
        }
        tfWeights[id] = nameExactWeight(model, key);
      }
      w += tfWeights[id]! - tfAverage;
    }
    const b = w < HISTOGRAM_FROM ? 0 : w >= HISTOGRAM_TO ? buckets.length - 1 : 1 + Math.floor((w - HISTOGRAM_FROM) / HISTOGRAM_STEP);
    buckets[b]!++;
    if (w >= reviewWeight) {
      kept.push(k);
      keptWeight.push(w);
    }
  }

  onStep(4, pairs.length);
  // 5. clustering: link-band edges, strongest first
  const linkEdges = kept.map((_k, j) => j).filter((j) => keptWeight[j]! >= matchWeight);
  linkEdges.sort((a, b) => keptWeight[b]! - keptWeight[a]! || kept[a]! - kept[b]!);
  const edgeL = new Int32Array(kept.map((k) => pairs.l[k]!));
  const edgeR = new Int32Array(kept.map((k) => pairs.r[k]!));
  const accepted = clusterPairs(records, model, uf, idTag, edgeL, edgeR, new Int32Array(linkEdges));

  onStep(5, pairs.length);
  // 6. results
  const linkCount = ids.edgesL.length + accepted.length;
  const links: LinkTable = { l: new Int32Array(linkCount), r: new Int32Array(linkCount), probability: new Float64Array(linkCount) };
  const linksByPass: Record<LinkPass, number> = { id: 0, probabilistic: 0, birth: 0 };
  const idWeight = model.priorWeight + model.comparisons.find((c) => c.name === 'id_number')!.levels[1]!.weight;
  const idProbability = weightToProbability(idWeight);
  const addLink = (k: number, a: number, b: number, pass: LinkPass, probability?: number): void => {
    const [l, r] = ordered(a, b);
    links.l[k] = l;
    links.r[k] = r;
    links.probability[k] = probability ?? scorePair(model, recordByIx(records, l), recordByIx(records, r)).probability;
    linksByPass[pass]++;
  };
  for (let k = 0; k < ids.edgesL.length; k++) {
    const a = ids.edgesL[k]!;
    const b = ids.edgesR[k]!;
    // a pair of equal numbers scores the ID's exact level whatever else differs; a typo pair is scored
    addLink(k, a, b, 'id', ids.edgeTypo[k] === 1 ? undefined : idProbability);
  }
  accepted.forEach((j, at) => {
    const pass: LinkPass = records[edgeL[j]!]!.kind === 'births' || records[edgeR[j]!]!.kind === 'births' ? 'birth' : 'probabilistic';
    addLink(ids.edgesL.length + at, edgeL[j]!, edgeR[j]!, pass);
  });
  const review: ScoredPair[] = [];
  for (let j = 0; j < kept.length; j++) {
    if (keptWeight[j]! >= matchWeight) continue;
    if (uf.find(edgeL[j]!) === uf.find(edgeR[j]!)) continue;
    const [l, r] = ordered(edgeL[j]!, edgeR[j]!);
    review.push(scored(model, records, l, r, 'probabilistic'));
  }
  review.sort((a, b) => b.matchWeight - a.matchWeight || a.l - b.l || a.r - b.r);

  const { personOf, personIds } = assignPersons(records, uf);
  const weightHistogram = [...buckets].map((count, b) => ({
    from: b === 0 ? -1000 : HISTOGRAM_FROM + (b - 1) * HISTOGRAM_STEP,
    to: b === buckets.length - 1 ? 1000 : HISTOGRAM_FROM + b * HISTOGRAM_STEP,
    count,
  }));
  return {
    personOf,
    personIds,
    links,
    review,
    collisions: ids.collisions.map((c) => ({ id: c.id, groups: c.groups.map((g) => g.map((i) => records[i]!.ix)) })),
    stats: {
      candidatePairsByRule: blocking.candidatePairsByRule,
      linksByPass,
      reviewPairs: review.length,
      persons: personIds.length,
      weightHistogram,
      seconds: (performance.now() - t0) / 1000,
    },
    model: { ...model, oversizedBlocksByRule: blocking.oversizedBlocksByRule } satisfies LinkageModel,
  };
}

/**
 * What `keep` vetoes, as arrays (blocking's PairVeto): each record's ID-pass group (its union-find
 * root), and for records with an ID tag their source and the number's first 17 digits (`idDigits`,
 * idDigitColumns: a tagged number is valid, so comparable).
 */
function pairVeto(records: readonly PersonRecord[], uf: UnionFind, idTag: Int32Array, idDigits: readonly Int32Array[]): PairVeto {
  const n = records.length;
  const group = new Int32Array(n);
  const tagged = new Uint8Array(n);
  const sourceIx = new Int32Array(n);
  const sources = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    group[i] = uf.find(i);
    if (idTag[i]! < 0) continue;
    const r = records[i]!;
    let s = sources.get(r.source);
    if (s === undefined) sources.set(r.source, (s = sources.size));
    sourceIx[i] = s;
    tagged[i] = 1;
  }
  return { group, tagged, idHigh: idDigits[0]!, idLow: idDigits[1]!, sourceIx };
}

function scored(model: LinkageModel, records: readonly PersonRecord[], l: number, r: number, pass: LinkPass): ScoredPair {
  // l and r are record ixs; find the records by ix (records are in ix order in a run)
  const a = recordByIx(records, l);
  const b = recordByIx(records, r);
  const s = scorePair(model, a, b);
  return { l, r, matchWeight: s.matchWeight, probability: s.probability, outcomes: s.outcomes, pass };
}

function recordByIx(records: readonly PersonRecord[], ix: number): PersonRecord {
  const direct = records[ix];
  if (direct && direct.ix === ix) return direct;
  const found = records.find((r) => r.ix === ix);
  if (!found) throw new Error(`no record with ix ${ix}`);
  return found;
}

/** ID-proven pairs for m estimation: every edge of the ID pass, thinned evenly to at most MAX_LABEL_PAIRS. */
function labelPairs(edgesL: Int32Array, edgesR: Int32Array): { l: Int32Array; r: Int32Array } {
  const total = edgesL.length;
  const take = Math.min(total, MAX_LABEL_PAIRS);
  const l = new Int32Array(take);
  const r = new Int32Array(take);
  for (let k = 0; k < take; k++) {
    const e = Math.floor((k * total) / take);
    l[k] = edgesL[e]!;
    r[k] = edgesR[e]!;
  }
  return { l, r };
}

/**
 * Dense person indices in order of first record, and stable person_ids from each person's smallest
 * ref. Refs are compared as (source, record key) without being built: source names hold no ':'
 * (the pipeline schema), so `a:x` < `b:y` is decided by `a:` against `b:` whenever a ≠ b, and by
 * x < y otherwise. Only each person's smallest ref is built, to be hashed.
 */
function assignPersons(records: readonly PersonRecord[], uf: UnionFind): { personOf: Int32Array; personIds: string[] } {
  const n = records.length;
  let maxIx = -1;
  // indexed loops over the records: run once, these for-of loops stayed unoptimised and made an
  // iterator result per record (163 MB at a million persons, V8's sampling heap profiler)
  for (let i = 0; i < n; i++) if (records[i]!.ix > maxIx) maxIx = records[i]!.ix;
  const personOf = new Int32Array(maxIx + 1).fill(-1);
  const byRoot = new Int32Array(n).fill(-1);
  // person → position of the record with its smallest ref
  const smallest = new Int32Array(n);
  let persons = 0;
  const sources = new Set<string>();
  for (let i = 0; i < n; i++) sources.add(records[i]!.source);
  const sourceNames = [...sources].sort((a, b) => compareText(`${a}:`, `${b}:`));
  const sourceRank = new Map(sourceNames.map((name, rank) => [name, rank]));
  const rank = new Int32Array(n);
  for (let i = 0; i < n; i++) rank[i] = sourceRank.get(records[i]!.source)!;
  // first record ix order: visit records sorted by ix
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) sorted = records[i - 1]!.ix < records[i]!.ix;
  const order = sorted ? null : records.map((_, i) => i).sort((a, b) => records[a]!.ix - records[b]!.ix);
  for (let k = 0; k < n; k++) {
    const i = order ? order[k]! : k;
    const root = uf.find(i);
    let p = byRoot[root]!;
    if (p < 0) {
      p = byRoot[root] = persons++;
      smallest[p] = i;
    } else {
      const s = smallest[p]!;
      if (rank[i]! < rank[s]! || (rank[i] === rank[s] && records[i]!.recordKey < records[s]!.recordKey)) smallest[p] = i;
    }
    personOf[records[i]!.ix] = p;
  }
  const personIds: string[] = new Array(persons);
  for (let p = 0; p < persons; p++) personIds[p] = personId(recordRef(records[smallest[p]!]!));
  return { personOf, personIds };
}
