import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { birthDateSexCountyRule, birthDateSexTownRule } from '../../src/link/blocking/birth-date-sex-area.js';
import { blockPairs, vetoed } from '../../src/link/blocking/block-pairs.js';
import { idOneOff } from '../../src/link/comparisons/id-number.js';
import type { BlockingContext, BlockingRule } from '../../src/link/blocking/blocking-rule.js';
import { givenPinyin, givenPinyinBirthDateRule, givenPinyinBirthMonthRule } from '../../src/link/blocking/given-pinyin-birth-month.js';
import { surnameBirthDateRule } from '../../src/link/blocking/surname-birth-date.js';
import { idNumberRule } from '../../src/link/blocking/id-number.js';
import { motherIdRule } from '../../src/link/blocking/mother-id.js';
import { idPass } from '../../src/link/id-pass.js';
import { namePinyinBirthMonthRule, namePinyinBirthYearRule } from '../../src/link/blocking/name-pinyin-birth-year.js';
import { IntIdMap } from '../../src/link/int-map.js';
import { keyHash } from '../../src/link/key-hash.js';
import type { PersonRecord } from '../../src/model.js';
import { fakeId, makeRecord } from './make-record.js';

describe('IntIdMap', () => {
  it('gives dense ids in order of first insertion, like a Map', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 3000 }), { maxLength: 5000 }), (keys) => {
        const map = new IntIdMap(4);
        const ref = new Map<number, number>();
        for (const k of keys) {
          if (!ref.has(k)) ref.set(k, ref.size);
          expect(map.add(k)).toBe(ref.get(k));
        }
        expect(map.size).toBe(ref.size);
        for (const [k, id] of ref) {
          expect(map.get(k)).toBe(id);
          expect(map.keys[id]).toBe(k);
        }
        expect(map.get(5000)).toBe(-1);
        map.clear();
        expect(map.size).toBe(0);
        expect(keys.length === 0 || map.get(keys[0]!) === -1).toBe(true);
      }),
    );
  });
});

/** A context for rules that look nothing up. */
const NO_LOOKUPS: BlockingContext = { holdersOfId: () => [] };

describe('blocking keys hashed without slicing equal keyHash of the slices', () => {
  it('id_number: a key per left-out address, year, month or day, the sorted month-day, a key per left-out sequence digit, and the sorted sequence', () => {
    const r = makeRecord({ id: fakeId('430104', '19710213', '931') });
    const v = r.id.value;
    const [a, b, c, d] = [v.slice(0, 6), v.slice(6, 10), v.slice(10, 14), v.slice(14, 17)];
    expect(idNumberRule.prepare([r], NO_LOOKUPS)(r, 0)).toEqual([
      keyHash('a', b + c, d),
      keyHash('b', a + c, d),
      keyHash('c', a + b + '13', d),
      keyHash('h', a + b + '02', d),
      keyHash('i', a + b + '0123', d),
      keyHash('d', a + b + c, '31'),
      keyHash('e', a + b + c, '91'),
      keyHash('f', a + b + c, '93'),
      keyHash('g', a + b + c, '139'),
    ]);
  });

  it('id_number: a typo in the month or the day, or a transposition in month-day, still shares a key', () => {
    const keys = (date: string) => {
      const r = makeRecord({ id: fakeId('430104', date, '931') });
      return new Set(idNumberRule.prepare([r], NO_LOOKUPS)(r, 0) as number[]);
    };
    const right = keys('19710213');
    // (a typo that makes an impossible date makes the number unusable, for this rule as for any)
    for (const wrong of ['19710813', '19711213', '19710219', '19710203', '19710123'])
      expect([...keys(wrong)].some((k) => right.has(k)), wrong).toBe(true);
    // born in the same year with the same sequence, on an unrelated day: no key in common, so such
    // strangers no longer share a block that grows with the county
    expect([...keys('19710927')].some((k) => right.has(k))).toBe(false);
  });

  it('id_number: a typo or a transposition anywhere in the sequence still shares a key', () => {
    const keys = (seq: string) => {
      const r = makeRecord({ id: fakeId('430104', '19710203', seq) });
      return new Set(idNumberRule.prepare([r], NO_LOOKUPS)(r, 0) as number[]);
    };
    const right = keys('931');
    for (const wrong of ['031', '981', '930', '391', '913']) expect([...keys(wrong)].some((k) => right.has(k)), wrong).toBe(true);
    // two strangers born on the same day in the same county, with unrelated sequences, share none
    expect([...keys('527')].some((k) => right.has(k))).toBe(false);
  });

  it.each([
    ['欧阳修', '1980-03-07', 'M', '430104001001'],
    ['王丽', '1956-08-19', 'F', ''],
    ['李', '2001-12-30', 'F', '4301'],
  ])('%s %s %s %s', (name, birthDate, sex, areaCode) => {
    const r = makeRecord({ name, birthDate, sex: sex as 'M' | 'F', areaCode });
    expect(namePinyinBirthYearRule.prepare([r], NO_LOOKUPS)(r, 0)).toBe(keyHash(r.name.pinyinFuzzy, birthDate.slice(0, 4)));
    expect(namePinyinBirthMonthRule.prepare([r], NO_LOOKUPS)(r, 0)).toBe(keyHash(r.name.pinyinFuzzy, birthDate.slice(0, 7)));
    expect(birthDateSexCountyRule.prepare([r], NO_LOOKUPS)(r, 0)).toBe(
      keyHash(birthDate, sex, areaCode.length >= 6 ? areaCode.slice(0, 6) : 'unknown'),
    );
    expect(birthDateSexTownRule.prepare([r], NO_LOOKUPS)(r, 0)).toBe(
      keyHash(birthDate, sex, areaCode.length >= 9 ? areaCode.slice(0, 9) : 'unknown'),
    );
    const g = givenPinyin(r);
    expect(givenPinyinBirthMonthRule.prepare([r], NO_LOOKUPS)(r, 0)).toBe(g === '' ? 0 : keyHash(g, birthDate.slice(0, 7)));
    expect(givenPinyinBirthDateRule.prepare([r], NO_LOOKUPS)(r, 0)).toBe(g === '' ? 0 : keyHash(g, birthDate));
  });
});

/** Pairs blockPairs emits for the records under the rules, as "l-r:rule index". */
function emitted(records: ReturnType<typeof makeRecord>[], rules: Parameters<typeof blockPairs>[1]): string[] {
  const out: string[] = [];
  blockPairs(records, rules, 200, new Uint8Array(records.length).fill(1), () => true, (l, r, rule) => out.push(`${l}-${r}:${rule}`), NO_LOOKUPS);
  return out.sort();
}

describe('name pinyin + birth month', () => {
  const pairs = (a: ReturnType<typeof makeRecord>, b: ReturnType<typeof makeRecord>): number => emitted([a, b], [namePinyinBirthMonthRule]).length;

  it('brings together a homophone or dialect spelling born in the same month, whatever the day', () => {
    expect(pairs(makeRecord({ name: '王丽', birthDate: '1971-02-03' }), makeRecord({ name: '王莉', birthDate: '1971-02-23' }))).toBe(1);
    expect(pairs(makeRecord({ name: '刘宁', birthDate: '1971-02-03' }), makeRecord({ name: '牛宁', birthDate: '1971-02-08' }))).toBe(1);
  });

  it('keeps apart the same name born in another month of the year', () => {
    expect(pairs(makeRecord({ name: '王丽', birthDate: '1971-02-03' }), makeRecord({ name: '王丽', birthDate: '1971-12-03' }))).toBe(0);
  });
});

describe("a rule's pair filter", () => {
  // same county and birth date: the id_number rule's "sequence left out" key is shared by all three
  const typo = fakeId('430104', '19710203', '031');
  const people = [
    makeRecord({ name: '王丽', birthDate: '1971-02-03', id: fakeId('430104', '19710203', '035') }),
    makeRecord({ name: '王丽', birthDate: '1971-02-03', id: typo }),
    makeRecord({ name: '王芳', birthDate: '1971-02-03', id: fakeId('430104', '19710203', '862') }),
  ];

  it('keeps a pair whose numbers are a typo apart and drops one of strangers born the same day', () => {
    expect(emitted(people, [idNumberRule])).toEqual(['0-1:0']);
  });

  it('leaves a pair it drops to a later rule', () => {
    expect(emitted(people, [idNumberRule, surnameBirthDateRule])).toEqual(['0-1:0', '0-2:1', '1-2:1']);
  });
});

describe('mother_id', () => {
  const mother = fakeId('430104', '19900412', '024');
  const records = [
    makeRecord({ kind: 'register', name: '蒋丽', birthDate: '1990-04-12', sex: 'F', id: mother, household: 'HR', address: '长青路3号', recordKey: 'R1' }),
    makeRecord({ kind: 'enumeration', name: '蒋丽', birthDate: '1990-04-12', sex: 'F', id: mother, household: 'HM', address: '光明路89号', recordKey: 'E1' }),
    // her baby in her census household, born a day before the birth record says
    makeRecord({ kind: 'enumeration', name: '蒋小宝', birthDate: '2020-06-02', sex: 'F', household: 'HM', address: '光明路89号', recordKey: 'E2' }),
    // a boy of that household, and a girl of another, born the same day
    makeRecord({ kind: 'enumeration', name: '蒋小龙', birthDate: '2020-06-02', sex: 'M', household: 'HM', address: '光明路89号', recordKey: 'E3' }),
    makeRecord({ kind: 'enumeration', name: '龙小燕', birthDate: '2020-06-02', sex: 'F', household: 'HX', address: '长青路5号', recordKey: 'E4' }),
    makeRecord({ kind: 'births', birthDate: '2020-06-03', sex: 'F', address: '光明路89号', motherName: '蒋丽', motherId: mother, recordKey: 'B1' }),
    // a birth whose mother has no record: no pairs
    makeRecord({ kind: 'births', birthDate: '2020-06-03', sex: 'F', motherId: fakeId('430104', '19880101', '022'), recordKey: 'B2' }),
  ];

  it("pairs a birth with a child of the mother's household of its sex born within three days, her records found by the ID pass", () => {
    const active = new Uint8Array(records.length).fill(1);
    const pairsWith = (context: BlockingContext): string[] => {
      const out: string[] = [];
      blockPairs(records, [motherIdRule], 200, active, () => true, (l, r) => out.push(`${records[l]!.recordKey}-${records[r]!.recordKey}`), context);
      return out.sort();
    };
    // linkage hands blocking the ID pass's index of valid IDs; the rule reads the mothers' records nowhere else
    const ids = idPass(records);
    expect(ids.holdersOf(mother)).toEqual([0, 1]);
    expect(pairsWith({ holdersOfId: ids.holdersOf })).toEqual(['E2-B1']);
    expect(pairsWith(NO_LOOKUPS)).toEqual([]);
  });
});

describe('blockPairs against every pair', () => {
  it('emits each pair sharing a key with an active record once, by the first rule, whatever the keys and activity', () => {
    // keys of a few distinct values so blocks form; any int32 (the ID rule's keys are raw FNV states)
    const keyValue = fc.constantFrom(1, 2, 3, -7, 0x7fffffff, -0x80000000);
    const recordArb = fc.record({ active: fc.boolean(), keys: fc.array(fc.array(keyValue, { maxLength: 3 }), { minLength: 2, maxLength: 2 }) });
    // each rule is a one-key rule (its keys computed record by record up front) or a many-key one
    const kindsArb = fc.array(fc.boolean(), { minLength: 2, maxLength: 2 });
    fc.assert(
      fc.property(fc.array(recordArb, { minLength: 2, maxLength: 30 }), fc.integer({ min: 2, max: 12 }), kindsArb, (drawn, maxBlockSize, oneKey) => {
        // a one-key rule keeps its first key only
        const specs = drawn.map((s) => ({ active: s.active, keys: s.keys.map((k, ruleIx) => (oneKey[ruleIx] ? k.slice(0, 1) : k)) }));
        const records = specs.map((_, i) => makeRecord({ name: '王丽', recordKey: `P${i}` }));
        const index = new Map(records.map((r, i) => [r, i]));
        const rules: BlockingRule[] = [0, 1].map((ruleIx) => {
          const keysOf = (r: PersonRecord): number[] => specs[index.get(r)!]!.keys[ruleIx]!;
          const common = { name: 'household' as const, description: `rule ${ruleIx}` };
          return oneKey[ruleIx]
            ? { ...common, keys: 'one', prepare: () => (r: PersonRecord) => keysOf(r)[0] ?? 0 }
            : { ...common, keys: 'many', prepare: () => keysOf };
        });
        const active = Uint8Array.from(specs, (s) => (s.active ? 1 : 0));
        const got: string[] = [];
        blockPairs(records, rules, maxBlockSize, active, () => true, (l, r, rule) => got.push(`${l}-${r}:${rule}`), NO_LOOKUPS);

        // By brute force: a key's block is every record with it, generated when some member is
        // active and it has at most maxBlockSize members; a pair goes to the first rule with a
        // generated block holding both, provided one of the two is active.
        const expected: string[] = [];
        for (let l = 0; l < specs.length; l++) {
          for (let r = l + 1; r < specs.length; r++) {
            if (!specs[l]!.active && !specs[r]!.active) continue;
            const rule = [0, 1].find((ruleIx) =>
              specs[l]!.keys[ruleIx]!.some((k) => {
                if (!specs[r]!.keys[ruleIx]!.includes(k)) return false;
                const members = specs.filter((s) => s.keys[ruleIx]!.includes(k));
                return members.length <= maxBlockSize && members.some((s) => s.active);
              }),
            );
            if (rule !== undefined) expected.push(`${l}-${r}:${rule}`);
          }
        }
        expect(got.sort()).toEqual(expected.sort());
      }),
      { numRuns: 500 },
    );
  });
});

describe('the veto a blocking worker applies', () => {
  it('rules out two valid numbers exactly when idOneOff does not pair them (packed as nine and eight digits)', () => {
    const pack = (v: string): [number, number] => [Number(v.slice(0, 9)), Number(v.slice(9, 17))];
    const digits = fc.array(fc.constantFrom(...'0123456789'), { minLength: 17, maxLength: 17 });
    // a number and a changed copy: a digit changed, two swapped (adjacent or not), or two changed
    const change = fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 16 }), fc.integer({ min: 0, max: 16 }), fc.constantFrom(...'0123456789'));
    fc.assert(
      fc.property(digits, change, (d, [kind, i, j, c]) => {
        const b = [...d];
        if (kind === 0) b[i] = c;
        if (kind === 1 && i < 16) [b[i], b[i + 1]] = [b[i + 1]!, b[i]!];
        if (kind === 2) [b[i], b[j]] = [b[j]!, b[i]!];
        if (kind === 3) [b[i], b[j]] = [c, c];
        const [x, y] = [d.join('') + 'X', b.join('') + 'X'];
        const [[ha, la], [hb, lb]] = [pack(x), pack(y)];
        const veto = { group: Int32Array.of(0, 1), tagged: Uint8Array.of(1, 1), idHigh: Int32Array.of(ha, hb), idLow: Int32Array.of(la, lb), sourceIx: Int32Array.of(0, 1) };
        expect(vetoed(veto, 0, 1)).toBe(!idOneOff(x, y));
      }),
      { numRuns: 3000 },
    );
  });

  it('rules out a pair of one group, and two valid numbers of one source, and leaves a record without a valid number to keep', () => {
    const veto = { group: Int32Array.of(0, 0, 1, 2), tagged: Uint8Array.of(1, 1, 1, 0), idHigh: Int32Array.of(1, 1, 1, 0), idLow: Int32Array.of(2, 3, 3, 0), sourceIx: Int32Array.of(0, 0, 0, 0) };
    expect(vetoed(veto, 0, 1)).toBe(true);
    expect(vetoed(veto, 1, 2)).toBe(true);
    expect(vetoed(veto, 2, 3)).toBe(false);
    veto.sourceIx[2] = 1;
    expect(vetoed(veto, 1, 2)).toBe(true);
    expect(vetoed(veto, 0, 2)).toBe(false);
  });
});
