import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { StringMap } from '../../src/lib/string-map.js';

type Op = { op: 'set' | 'setIfAbsent' | 'get'; key: string; value: number } | { op: 'clear' } | { op: 'reserve'; entries: number };

describe('StringMap', () => {
  it('answers every get, size and setIfAbsent as a Map would, through growth, reserve, probing and clear', () => {
    // Few distinct characters and a table of two slots: keys collide on slots and the table grows often.
    const key = fc.string({ unit: fc.constantFrom('a', 'b', '号', '𠀀', ''), maxLength: 4 });
    const op: fc.Arbitrary<Op> = fc.oneof(
      { weight: 4, arbitrary: fc.record({ op: fc.constantFrom('set' as const, 'setIfAbsent' as const, 'get' as const), key, value: fc.integer() }) },
      { weight: 1, arbitrary: fc.constant({ op: 'clear' as const }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constant('reserve' as const), entries: fc.integer({ min: 0, max: 40 }) }) },
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const map = new StringMap<number>(2);
        const model = new Map<string, number>();
        for (const o of ops) {
          if (o.op === 'clear') {
            map.clear();
            model.clear();
          } else if (o.op === 'reserve') {
            map.reserve(o.entries);
          } else if (o.op === 'set') {
            map.set(o.key, o.value);
            model.set(o.key, o.value);
          } else if (o.op === 'setIfAbsent') {
            const added = map.setIfAbsent(o.key, o.value);
            expect(added).toBe(!model.has(o.key));
            if (added) model.set(o.key, o.value);
          } else {
            expect(map.get(o.key)).toBe(model.get(o.key));
          }
          expect(map.size).toBe(model.size);
        }
        for (const [k, v] of model) expect(map.get(k)).toBe(v);
      }),
      { numRuns: 300 },
    );
  });

  it('finds a key given as a slice of a longer string, and keeps null values apart from absent keys', () => {
    const map = new StringMap<string | null>();
    const line = 'E000000001,432321195712259858,1957-12-25';
    map.set('432321195712259858', 'id');
    map.set('1957-13-45', null);
    expect(map.get(line.split(',')[1]!)).toBe('id');
    expect(map.get(line.slice(11, 29))).toBe('id');
    expect(map.get('1957-13-45')).toBeNull();
    expect(map.get('1957-12-25')).toBeUndefined();
    expect(map.get('')).toBeUndefined();
  });

  it('holds a million distinct keys and finds each again', () => {
    const map = new StringMap<number>();
    const n = 1_000_000;
    for (let i = 0; i < n; i++) map.set(`4301${i}`, i);
    expect(map.size).toBe(n);
    let wrong = 0;
    for (let i = 0; i < n; i += 7) if (map.get(`4301${i}`) !== i) wrong++;
    expect(wrong).toBe(0);
    expect(map.get(`4301${n}`)).toBeUndefined();
  });

  it('takes as many keys as were reserved without growing again, and never shrinks', () => {
    const map = new StringMap<number>(4);
    for (let i = 0; i < 10; i++) map.set(`k${i}`, i);
    const rehash = vi.spyOn(map as unknown as { rehash(size: number): void }, 'rehash');
    map.reserve(5_000);
    expect(rehash).toHaveBeenCalledTimes(1);
    for (let i = 10; i < 5_000; i++) map.set(`k${i}`, i);
    map.reserve(100);
    expect(rehash).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 5_000; i += 13) expect(map.get(`k${i}`)).toBe(i);
    expect(map.size).toBe(5_000);
  });
});
