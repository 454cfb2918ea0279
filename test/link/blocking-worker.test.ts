import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KEY_KERNELS as KeyKernels, PAIR_TESTS as PairTests } from '../../src/link/blocking/array-kernels.js';
import type { blockPairs as BlockPairs, PairVeto, vetoed as Vetoed } from '../../src/link/blocking/block-pairs.js';
import type { BlockingRule } from '../../src/link/blocking/blocking-rule.js';
import type { PersonRecord } from '../../src/model.js';
import { makeRecord } from './make-record.js';

/*
 * The blocking worker runs compiled JavaScript, so this test compiles the project (into its own
 * folder beside node_modules, so that the packages resolve) and runs blockPairs from there, with a
 * worker from the first record and without one.
 */
const BUILD = resolve('.test-build-blocking');
let blockPairs: typeof BlockPairs;
let vetoed: typeof Vetoed;
let KEY_KERNELS: typeof KeyKernels;
let PAIR_TESTS: typeof PairTests;

beforeAll(async () => {
  execFileSync(process.execPath, [resolve('node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--outDir', BUILD, '--sourceMap', 'false']);
  ({ blockPairs, vetoed } = (await import(pathToFileURL(join(BUILD, 'link/blocking/block-pairs.js')).href)) as {
    blockPairs: typeof BlockPairs;
    vetoed: typeof Vetoed;
  });
  ({ KEY_KERNELS, PAIR_TESTS } = (await import(pathToFileURL(join(BUILD, 'link/blocking/array-kernels.js')).href)) as {
    KEY_KERNELS: typeof KeyKernels;
    PAIR_TESTS: typeof PairTests;
  });
}, 120_000);

const NO_LOOKUPS = { holdersOfId: () => [] };

describe('rules grouped in a worker', () => {
  it('give the pairs one thread gives, in the same order, whatever the rules, keys, activity and vetoes', () => {
    const keyValue = fc.constantFrom(1, 2, 3, -7, 0x7fffffff);
    const recordArb = fc.record({
      active: fc.boolean(),
      keys: fc.array(fc.array(keyValue, { maxLength: 3 }), { minLength: 4, maxLength: 4 }),
      group: fc.integer({ min: 0, max: 5 }),
      // a valid ID (as packed digits) or none, and a source
      id: fc.option(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })), { nil: undefined }),
      source: fc.integer({ min: 0, max: 1 }),
    });
    // each rule: one key without a condition, one key with a condition only this thread can test, many
    // keys, many keys with a condition the worker tests on numbers, or keys and condition both from
    // numbers (the ID number's kernels, on the drawn IDs)
    const kindsArb = fc.array(fc.constantFrom('one', 'filtered', 'many', 'near', 'kernel'), { minLength: 4, maxLength: 4 });
    fc.assert(
      fc.property(fc.array(recordArb, { minLength: 2, maxLength: 30 }), fc.integer({ min: 2, max: 12 }), kindsArb, (specs, maxBlockSize, kinds) => {
        const records = specs.map((_, i) => makeRecord({ name: '王丽', recordKey: `P${i}` }));
        const index = new Map(records.map((r, i) => [r, i]));
        const columns = (): Int32Array[] => [Int32Array.from(specs, (s) => s.id?.[0] ?? -1), Int32Array.from(specs, (s) => s.id?.[1] ?? 0)];
        const near = (a: PersonRecord, b: PersonRecord): boolean => PAIR_TESTS.id_near(columns(), index.get(a)!, index.get(b)!);
        const rules: BlockingRule[] = kinds.map((kind, ruleIx) => {
          const keysOf = (r: PersonRecord): number[] => specs[index.get(r)!]!.keys[ruleIx]!;
          const common = { name: 'household' as const, description: `rule ${ruleIx}` };
          if (kind === 'many') return { ...common, keys: 'many', prepare: () => keysOf };
          if (kind === 'near') return { ...common, keys: 'many', prepare: () => keysOf, pairFilter: near, arrays: { columns, test: 'id_near' } };
          if (kind === 'kernel') {
            const kernelKeys = (_r: PersonRecord, i: number): number[] => {
              const out = new Int32Array(KEY_KERNELS.id_number.maxKeys);
              return [...out.subarray(0, KEY_KERNELS.id_number.keys(columns(), i, out))];
            };
            return { ...common, keys: 'many', prepare: () => kernelKeys, pairFilter: near, arrays: { columns, keys: 'id_number', test: 'id_near' } };
          }
          const one = { ...common, keys: 'one' as const, prepare: () => (r: PersonRecord) => keysOf(r)[0] ?? 0 };
          return kind === 'one' ? one : { ...one, pairFilter: (a: PersonRecord, b: PersonRecord) => (index.get(a)! + index.get(b)!) % 3 !== 0 };
        });
        const veto: PairVeto = {
          group: Int32Array.from(specs, (s) => s.group),
          tagged: Uint8Array.from(specs, (s) => (s.id ? 1 : 0)),
          idHigh: Int32Array.from(specs, (s) => s.id?.[0] ?? 0),
          idLow: Int32Array.from(specs, (s) => s.id?.[1] ?? 0),
          sourceIx: Int32Array.from(specs, (s) => s.source),
        };
        // keep vetoes what the veto does, and more (the veto may be weaker than keep, never stronger)
        const keep = (l: number, r: number): boolean => !vetoed(veto, l, r) && (l * 7 + r) % 5 !== 0;
        const active = Uint8Array.from(specs, (s) => (s.active ? 1 : 0));
        const run = (workerFrom: number): string[] => {
          const got: string[] = [];
          const stats = blockPairs(records, rules, maxBlockSize, active, keep, (l, r, rule) => got.push(`${l}-${r}:${rule}`), NO_LOOKUPS, { veto: () => veto, workerFrom });
          got.push(JSON.stringify(stats));
          return got;
        };
        expect(run(0)).toEqual(run(Number.POSITIVE_INFINITY));
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('stops the worker waiting for keys when working them out fails on this thread', () => {
    const records = [0, 1, 2].map((i) => makeRecord({ name: '王丽', recordKey: `P${i}` }));
    const veto: PairVeto = { group: Int32Array.of(0, 1, 2), tagged: new Uint8Array(3), idHigh: new Int32Array(3), idLow: new Int32Array(3), sourceIx: new Int32Array(3) };
    const common = { name: 'household' as const, description: 'rule' };
    const rules: BlockingRule[] = [
      { ...common, keys: 'one', prepare: () => () => 1 },
      {
        ...common,
        keys: 'many',
        prepare: () => () => {
          throw new Error('no keys today');
        },
      },
    ];
    const active = new Uint8Array(3).fill(1);
    expect(() => blockPairs(records, rules, 10, active, () => true, () => {}, NO_LOOKUPS, { veto: () => veto, workerFrom: 0 })).toThrow('no keys today');
  });
});
