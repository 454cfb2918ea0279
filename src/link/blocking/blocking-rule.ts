import type { PersonRecord } from '../../model.js';
import type { BLOCKING_RULES } from '../../pipeline/pipeline-schema.js';
import type { KeyKernelName, PairTestName } from './array-kernels.js';

export type BlockingRuleName = (typeof BLOCKING_RULES)[number];

/** Blocking keys of one record as `keyHash` values: 0 or [] for none. */
export type BlockingKeys = number | readonly number[];

interface RuleCommon {
  name: BlockingRuleName;
  description: string;
  /**
   * A further condition on a pair the keys brought together (Splink's `AND l.x ... r.x` in a
   * blocking rule): a pair that fails it is not this rule's pair, and a later rule may still emit it.
   */
  pairFilter?: (a: PersonRecord, b: PersonRecord) => boolean;
  /**
   * The rule as numbers, for a blocking worker (which has no records): `columns` are made of the
   * records once, on the main thread; `keys` names the kernel in array-kernels.ts that gives a
   * record's keys from them, as the rule's key function does (without it, the main thread works the
   * keys out and hands them over); `test` names the test that decides pairs as `pairFilter` does. A
   * rule with a `pairFilter` and no `test` stays on the main thread.
   */
  arrays?: { columns(records: readonly PersonRecord[], context: BlockingContext): readonly Int32Array[]; keys?: KeyKernelName; test?: PairTestName };
}

/** What the linkage already knows of the records when blocking starts, for rules that look records up. */
export interface BlockingContext {
  /** Positions of the records whose ID number is valid and equal to `value`, in order. */
  holdersOfId(value: string): readonly number[];
  /** Each record's comparable ID number as digits (id-number.ts's idDigitColumns), when the caller makes them once for several users. */
  idDigits?(): readonly Int32Array[];
}

/**
 * A blocking rule: records with an equal key (hashed with `keyHash`) become candidate pairs.
 * `prepare` runs once per run (it may index the records, or look them up in `context`) and returns
 * the key function, which is called once per record, with its position. A rule with at most one
 * key per record says so (`keys: 'one'`): blocking computes those rules' keys together, record by
 * record.
 */
export type BlockingRule =
  | (RuleCommon & { keys: 'one'; prepare(records: readonly PersonRecord[], context: BlockingContext): (r: PersonRecord, i: number) => number })
  | (RuleCommon & { keys: 'many'; prepare(records: readonly PersonRecord[], context: BlockingContext): (r: PersonRecord, i: number) => BlockingKeys });
