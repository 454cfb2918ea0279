import type { PersonRecord } from '../model.js';
import type { LinkageConfig } from '../pipeline/pipeline-schema.js';
import { PATTERN_COUNT, patternLevel } from './comparison-pattern.js';
import { NULL_LEVEL } from './comparisons/comparison.js';
import { comparisons } from './comparisons/comparisons.js';
import { doubled } from '../lib/doubled.js';
import { IntIdMap } from './int-map.js';
import { keyHash } from './key-hash.js';
import { type LinkageModel, probabilityToWeight } from './linkage-model.js';
import { prng } from './prng.js';

/** Extra match weight (bits) above the match threshold needed to join two records of one kind. */
export const STRONG_MARGIN = 6;
/** Names seen fewer times than this are left out of model.json's term-frequency table. */
const TF_MIN_COUNT = 3;
const TF_DEFAULT_COUNT = 1.5;
const MIN_LABEL_PAIRS = 200;
/** Records counted when estimating the exact levels' u from value frequencies. */
const MAX_FREQUENCY_RECORDS = 400_000;
const MIN_EM_PAIRS = 1000;
const EM_MAX_ITERATIONS = 40;
const CLAMP = 1e-6;
/**
 * Pseudo-count of the comparison's default m in every estimate: labels from clean ID-proven
 * pairs would otherwise call a disagreement impossible among matches (other exports are dirtier).
 */
const PSEUDO = 50;

/** What training needs before blocking: the records, the ID pass's labels and prior. */
export interface RecordData {
  records: readonly PersonRecord[];
  /** Label pairs proven by a shared valid ID (same person). */
  labelL: Int32Array;
  labelR: Int32Array;
  /** λ: probability that two random records match (from the ID pass). */
  prior: number;
}

export interface TrainingData extends RecordData {
  /** Candidate pairs per comparison pattern (for EM). */
  patternCounts: Float64Array;
  candidatePairs: number;
}

/**
 * What training learns from the records alone, before any candidate pair: m from ID-proven pairs,
 * u from random pairs and value frequencies, and the names' frequencies. Linkage works it out on the
 * main thread while a worker groups blocks.
 */
export interface RecordEstimates {
  m: number[][];
  mSource: Record<string, 'labels' | 'em' | 'default'>;
  u: number[][];
  uSamplePairs: number;
  nameTotal: number;
  /** Names seen at least TF_MIN_COUNT times: hash as 8 hex digits → count, most frequent first. */
  nameCounts: Record<string, number>;
}

const clamp = (p: number): number => Math.min(1 - CLAMP, Math.max(CLAMP, p));

/**
 * Fellegi–Sunter training: u from seeded random pairs (exact levels from value frequencies),
 * m from ID-proven pairs (`estimateFromRecords`, which may have been worked out before), refined by
 * EM on the candidate pairs' comparison patterns for comparisons the labels cannot teach (the ID
 * number itself) or when labels are scarce.
 */
export function trainModel(data: TrainingData, config: LinkageConfig, estimates: RecordEstimates = estimateFromRecords(data, config)): LinkageModel {
  const L = comparisons.map((c) => c.levels.length);
  const m = estimates.m.map((row) => [...row]);
  const mSource = { ...estimates.mSource };
  const { u } = estimates;

  // EM on candidate patterns (u fixed), for the comparisons without labels
  let emIterations = 0;
  const labelled = comparisons.map((c) => mSource[c.name] === 'labels');
  if (config.em && data.candidatePairs >= MIN_EM_PAIRS) {
    const em = m.map((row) => [...row]);
    let lambda = 0.2;
    const patterns: number[] = [];
    for (let p = 0; p < PATTERN_COUNT; p++) if (data.patternCounts[p]! > 0) patterns.push(p);
    for (let it = 0; it < EM_MAX_ITERATIONS; it++) {
      emIterations = it + 1;
      let matchMass = 0;
      let totalMass = 0;
      const acc = comparisons.map((_, ci) => new Float64Array(L[ci]!));
      for (const p of patterns) {
        let pm = lambda;
        let pu = 1 - lambda;
        for (let ci = 0; ci < comparisons.length; ci++) {
          const lv = patternLevel(p, ci);
          if (lv === NULL_LEVEL) continue;
          pm *= em[ci]![lv]!;
          pu *= u[ci]![lv]!;
        }
        const w = pm / (pm + pu);
        const cnt = data.patternCounts[p]!;
        matchMass += w * cnt;
        totalMass += cnt;
        for (let ci = 0; ci < comparisons.length; ci++) acc[ci]![patternLevel(p, ci)]! += w * cnt;
      }
      let delta = Math.abs(matchMass / totalMass - lambda);
      lambda = clamp(matchMass / totalMass);
      for (let ci = 0; ci < comparisons.length; ci++) {
        if (labelled[ci]) continue;
        let nonNull = 0;
        for (let lv = 1; lv < L[ci]!; lv++) nonNull += acc[ci]![lv]!;
        if (nonNull <= 0) continue;
        for (let lv = 1; lv < L[ci]!; lv++) {
          const v = clamp((acc[ci]![lv]! + PSEUDO * comparisons[ci]!.defaultM[lv]!) / (nonNull + PSEUDO));
          delta = Math.max(delta, Math.abs(v - em[ci]![lv]!));
          em[ci]![lv] = v;
        }
      }
      if (delta < 1e-5) break;
    }
    comparisons.forEach((c, ci) => {
      if (labelled[ci]) return;
      const last = L[ci]! - 1;
      // a degenerate EM solution (disagreement likelier among matches than agreement) keeps the defaults
      if (em[ci]![last]! < 0.5 && em[ci]![last]! / u[ci]![last]! < 1) {
        m[ci] = em[ci]!;
        mSource[c.name] = 'em';
      }
    });
  }

  const priorWeight = probabilityToWeight(data.prior);
  return {
    version: 1,
    prior: data.prior,
    priorWeight,
    matchThreshold: config.match_threshold,
    reviewThreshold: config.review_threshold,
    strongWeight: probabilityToWeight(config.match_threshold) + STRONG_MARGIN,
    comparisons: comparisons.map((c, ci) => ({
      name: c.name,
      levels: c.levels.map((lvl, lv) => ({
        label: lvl.label,
        m: lv === NULL_LEVEL ? 1 : m[ci]![lv]!,
        u: lv === NULL_LEVEL ? 1 : u[ci]![lv]!,
        weight: lv === NULL_LEVEL ? 0 : Math.log2(m[ci]![lv]! / u[ci]![lv]!),
      })),
    })),
    termFrequency: {
      comparison: 'name',
      level: 'exact',
      hash: 'fnv1a30',
      total: estimates.nameTotal,
      minCount: TF_MIN_COUNT,
      defaultCount: TF_DEFAULT_COUNT,
      counts: estimates.nameCounts,
    },
    training: {
      records: data.records.length,
      idProvenPairs: data.labelL.length,
      uSamplePairs: estimates.uSamplePairs,
      candidatePairs: data.candidatePairs,
      emIterations,
      mSource,
    },
  };
}

/** The part of training that needs the records only (see RecordEstimates). */
export function estimateFromRecords(data: RecordData, config: LinkageConfig): RecordEstimates {
  const { records } = data;
  const n = records.length;
  const L = comparisons.map((c) => c.levels.length);

  // m from labels
  const mSource: Record<string, 'labels' | 'em' | 'default'> = {};
  // labels cannot teach the ID number (they are made of it); pair by pair, each pair's records fetched once
  const fromLabels = comparisons.map((c) => c.name !== 'id_number');
  const labelCounts = comparisons.map((_, ci) => new Float64Array(L[ci]!));
  for (let k = 0; k < data.labelL.length; k++) {
    const a = records[data.labelL[k]!]!;
    const b = records[data.labelR[k]!]!;
    for (let ci = 0; ci < comparisons.length; ci++) if (fromLabels[ci]) labelCounts[ci]![comparisons[ci]!.compare(a, b)]!++;
  }
  const m = comparisons.map((c, ci) => {
    const counts = labelCounts[ci]!;
    let nonNull = 0;
    for (let lv = 0; lv < L[ci]!; lv++) if (lv !== NULL_LEVEL) nonNull += counts[lv]!;
    if (!fromLabels[ci] || nonNull < MIN_LABEL_PAIRS) {
      mSource[c.name] = 'default';
      return [...c.defaultM];
    }
    mSource[c.name] = 'labels';
    return [...counts].map((v, lv) => (lv === NULL_LEVEL ? 1 : clamp((v + PSEUDO * c.defaultM[lv]!) / (nonNull + PSEUDO))));
  });

  // u from random pairs, exact levels from value frequencies
  const sampleCounts = comparisons.map((_, ci) => new Float64Array(L[ci]!));
  const rand = prng(config.seed);
  const samples = n >= 2 ? config.u_sample_pairs : 0;
  for (let s = 0; s < samples; s++) {
    const a = Math.floor(rand() * n);
    let b = Math.floor(rand() * (n - 1));
    if (b >= a) b++;
    const ra = records[a]!;
    const rb = records[b]!;
    for (let ci = 0; ci < comparisons.length; ci++) sampleCounts[ci]![comparisons[ci]!.compare(ra, rb)]!++;
  }
  const u = comparisons.map((c, ci) => {
    const counts = sampleCounts[ci]!;
    const out = new Array<number>(L[ci]!).fill(0);
    out[NULL_LEVEL] = 1;
    let exactU = -1;
    if (c.exactValue && c.exactLevel !== undefined) {
      // agreement rate of random pairs = Σ c(c−1) / N(N−1); a strided subsample estimates it without bias
      const step = Math.max(1, Math.floor(n / MAX_FREQUENCY_RECORDS));
      const values = new IntIdMap(Math.ceil(n / step));
      let freq = new Int32Array(1024);
      let total = 0;
      for (let i = 0; i < n; i += step) {
        const v = c.exactValue(records[i]!);
        if (v === '') continue;
        total++;
        const h = values.add(keyHash(v));
        if (h === freq.length) freq = doubled(freq);
        freq[h]!++;
      }
      let same = 0;
      for (let h = 0; h < values.size; h++) same += freq[h]! * (freq[h]! - 1);
      // pairs of one person's records agree too: take out the expected matches
      const p = total > 1 ? same / (total * (total - 1)) - data.prior * m[ci]![c.exactLevel]! : 0;
      exactU = Math.max(p, 1 / Math.max(4, total * total));
    }
    let rest = 0;
    for (let lv = 1; lv < L[ci]!; lv++) if (lv !== c.exactLevel || exactU < 0) rest += counts[lv]!;
    const others = L[ci]! - 1 - (exactU < 0 ? 0 : 1);
    for (let lv = 1; lv < L[ci]!; lv++) {
      if (lv === c.exactLevel && exactU >= 0) out[lv] = clamp(exactU);
      else out[lv] = clamp(((exactU < 0 ? 1 : 1 - exactU) * (counts[lv]! + 0.5)) / (rest + 0.5 * others));
    }
    return out;
  });

  // term frequencies of names, keyed by hash; a county has far fewer names than records (113,000 for
  // 2.06 M at a million persons), and a table sized for the records (33 MB) missed the cache at every add
  const names = new IntIdMap(Math.min(n, 1 << 16));
  let nameCount = new Int32Array(1024);
  let tfTotal = 0;
  for (let i = 0; i < n; i++) {
    const k = records[i]!.name.key;
    if (k === '') continue;
    tfTotal++;
    const h = names.add(keyHash(k));
    if (h === nameCount.length) nameCount = doubled(nameCount);
    nameCount[h]!++;
  }
  const counts: Record<string, number> = {};
  const frequent: number[] = [];
  for (let h = 0; h < names.size; h++) if (nameCount[h]! >= TF_MIN_COUNT) frequent.push(h);
  frequent.sort((a, b) => nameCount[b]! - nameCount[a]! || names.keys[a]! - names.keys[b]!);
  for (const h of frequent) counts[names.keys[h]!.toString(16).padStart(8, '0')] = nameCount[h]!;

  return { m, mSource, u, uSamplePairs: samples, nameTotal: tfTotal, nameCounts: counts };
}
