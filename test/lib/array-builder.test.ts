import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArrayBuilder } from '../../src/lib/array-builder.js';

describe('ArrayBuilder', () => {
  it('gives back what was pushed, in order, as an array of its exact length', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer(), fc.string(), fc.constant(null)), { maxLength: 9_000 }), (items) => {
        const b = new ArrayBuilder<number | string | null>();
        for (const x of items) b.push(x);
        expect(b.length).toBe(items.length);
        expect(b.toArray()).toEqual(items);
      }),
      { numRuns: 40 },
    );
  });

  it('holds lists longer than many chunks', () => {
    const b = new ArrayBuilder<number>();
    for (let i = 0; i < 100_000; i++) b.push(i);
    const a = b.toArray();
    expect(a.length).toBe(100_000);
    expect(a[0]).toBe(0);
    expect(a[4095]).toBe(4095);
    expect(a[4096]).toBe(4096);
    expect(a[99_999]).toBe(99_999);
  });
});
