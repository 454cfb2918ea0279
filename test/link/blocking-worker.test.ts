import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
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

beforeAll(async () => {
  execFileSync(process.execPath, [resolve('node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--outDir', BUILD, '--sourceMap', 'false']);
  ({ blockPairs, vetoed } = (await import(pathToFileURL(join(BUILD, 'link/blocking/block-pairs.js')).href)) as {
    blockPairs: typeof BlockPairs;
    vetoed: typeof Vetoed;
  });
}, 120_000);

const NO_LOOKUPS = { holdersOfId: () => [] };

describe('one-key rules grouped in a worker', () => {
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
    // each rule: one key without a condition (a worker's), one key with a condition, or many keys (this thread's)
    const kindsArb = fc.array(fc.constantFrom('one', 'filtered', 'many'), { minLength: 4, maxLength: 4 });
    fc.assert(
      fc.property(fc.array(recordArb, { minLength: 2, maxLength: 30 }), fc.integer({ min: 2, max: 12 }), kindsArb, (specs, maxBlockSize, kinds) => {
        const records = specs.map((_, i) => makeRecord({ name: '王丽', recordKey: `P${i}` }));
        const index = new Map(records.map((r, i) => [r, i]));
        const rules: BlockingRule[] = kinds.map((kind, ruleIx) => {
          const keysOf = (r: PersonRecord): number[] => specs[index.get(r)!]!.keys[ruleIx]!;
          const common = { name: 'household' as const, description: `rule ${ruleIx}` };
          if (kind === 'many') return { ...common, keys: 'many', prepare: () => keysOf };
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
});
