import { describe, expect, it } from 'vitest';
import { cacheSizes, lastCell, registerCache, reserveCaches } from '../../src/normalise/intern.js';

describe('lastCell', () => {
  it('returns what the function returns, calling it again only when the cell differs from the last one', () => {
    const calls: string[] = [];
    const upper = lastCell((raw: string) => {
      calls.push(raw);
      return { value: raw.toUpperCase() };
    });
    const a1 = upper('a');
    const a2 = upper('a');
    expect(a1).toEqual({ value: 'A' });
    // the same result object, not a recomputation
    expect(a2).toBe(a1);
    expect(upper('b')).toEqual({ value: 'B' });
    expect(upper('a')).toEqual({ value: 'A' });
    expect(upper('')).toEqual({ value: '' });
    expect(upper('')).toEqual({ value: '' });
    expect(calls).toEqual(['a', 'b', 'a', '']);
  });

  it('remembers a null result like any other', () => {
    let calls = 0;
    const parse = lastCell((raw: string) => {
      calls++;
      return /^\d+$/.test(raw) ? raw : null;
    });
    expect(parse('x1')).toBeNull();
    expect(parse('x1')).toBeNull();
    expect(parse('12')).toBe('12');
    expect(calls).toBe(2);
  });
});

describe('reserveCaches', () => {
  /** A registered cache whose size the test sets, recording what it was asked to make room for. */
  function fakeCache(): { size: number; asked: number[]; clear(): void; reserve(entries: number): void } {
    return registerCache({
      size: 0,
      asked: [] as number[],
      clear() {},
      reserve(entries: number) {
        this.asked.push(entries);
      },
    });
  }

  it('makes room for a cache growing steadily, by its rate over the second stretch, and leaves a filling one alone', () => {
    const steady = fakeCache();
    const filling = fakeCache();
    const idle = fakeCache();
    const start = cacheSizes();
    steady.size = 400;
    filling.size = 900;
    const midway = cacheSizes();
    steady.size = 800; // 400 more in the second 1,000 rows
    filling.size = 950; // 50 more: its values have stopped being new
    reserveCaches(start, midway, 1_000, 1_000, 10_000);
    // 800 now + 0.4 a row × 10,000 rows × a margin of 1.25
    expect(steady.asked).toEqual([800 + 5_000]);
    expect(filling.asked).toEqual([]);
    expect(idle.asked).toEqual([]);
  });

  it('does nothing without rows to foretell from', () => {
    const c = fakeCache();
    const start = cacheSizes();
    c.size = 10;
    reserveCaches(start, cacheSizes(), 0, 0, 1_000);
    expect(c.asked).toEqual([]);
  });
});
