import type { PersonRecord } from '../../model.js';

/** Index of the null level in every comparison (either side missing: weight 0). */
export const NULL_LEVEL = 0;

/** One comparison level (Splink): a label and what it means. */
export interface ComparisonLevel {
  label: string;
  description: string;
}

/**
 * A comparison: ordered levels (null first, else last), first match wins.
 * `compare` returns the index of the level the pair `_l` / `_r` falls in.
 */
export interface Comparison {
  name: string;
  description: string;
  levels: readonly ComparisonLevel[];
  compare(l: PersonRecord, r: PersonRecord): number;
  /** m-probabilities per level used when neither labels nor EM can estimate them (null level: 1). */
  defaultM: readonly number[];
  /**
   * Value whose equality defines the exact level ('' = null). Used to compute u of the exact
   * level exactly from value frequencies instead of from random pairs.
   */
  exactValue?(r: PersonRecord): string;
  /** Level index of exact agreement, when `exactValue` is given. */
  exactLevel?: number;
  /** True when the exact level's u is replaced by the value's term frequency. */
  termFrequency?: boolean;
}

/** Index of the level labelled `label` (throws for programmer errors). */
export function levelIndex(c: Comparison, label: string): number {
  const i = c.levels.findIndex((l) => l.label === label);
  if (i < 0) throw new Error(`comparison ${c.name} has no level ${label}`);
  return i;
}
