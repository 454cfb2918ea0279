import { keyHash } from './key-hash.js';

/** One comparison level of the trained model. */
export interface LevelModel {
  label: string;
  /** P(level | match); null level: 1. */
  m: number;
  /** P(level | non-match); null level: 1. */
  u: number;
  /** log2(m / u); 0 for the null level. */
  weight: number;
}

export interface ComparisonModel {
  name: string;
  levels: LevelModel[];
}

/**
 * The trained Fellegi–Sunter model, persisted as `model.json`. It holds no names or ID numbers:
 * the name term-frequency table is keyed by a 30-bit FNV-1a hash of the name key (8 hex digits)
 * and only lists names seen at least `minCount` times.
 */
export interface LinkageModel {
  version: 1;
  /** Probability that two random records are the same person (λ). */
  prior: number;
  /** log2(λ / (1 − λ)): the starting match weight. */
  priorWeight: number;
  matchThreshold: number;
  reviewThreshold: number;
  /** Match weight needed (and required on the pair itself) to join two enumeration or two register records. */
  strongWeight: number;
  comparisons: ComparisonModel[];
  termFrequency: {
    comparison: 'name';
    level: 'exact';
    hash: 'fnv1a30';
    /** Records with a name. */
    total: number;
    /** Names seen fewer times are not listed and count as `defaultCount`. */
    minCount: number;
    defaultCount: number;
    counts: Record<string, number>;
  };
  /** Blocks skipped per rule for exceeding max_block_size. */
  oversizedBlocksByRule?: Record<string, number>;
  training: {
    records: number;
    idProvenPairs: number;
    uSamplePairs: number;
    candidatePairs: number;
    emIterations: number;
    /** Where the m-probabilities of each comparison came from. */
    mSource: Record<string, 'labels' | 'em' | 'default'>;
  };
}

/** Match weight (log2 odds) → probability. */
export function weightToProbability(w: number): number {
  return 1 / (1 + 2 ** -w);
}

/** Probability → match weight (log2 odds). */
export function probabilityToWeight(p: number): number {
  return Math.log2(p / (1 - p));
}

/** 30-bit FNV-1a of a name key (`keyHash`), as 8 hex digits: the key of the term-frequency table. */
export function nameHash(key: string): string {
  return keyHash(key).toString(16).padStart(8, '0');
}

/** Records carrying this name key according to the model's term-frequency table. */
export function tfCount(model: LinkageModel, key: string): number {
  return model.termFrequency.counts[nameHash(key)] ?? model.termFrequency.defaultCount;
}
