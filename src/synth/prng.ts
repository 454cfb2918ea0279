/** A small seeded PRNG (mulberry32): deterministic per seed, never Math.random. */
export interface Prng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Uniform integer in [lo, hi] (inclusive). */
  range(lo: number, hi: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
}

/** Creates a mulberry32 generator seeded from any integer. */
export function createPrng(seed: number): Prng {
  let a = hash32(seed >>> 0, 0x9e3779b9) >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    range: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)]!,
  };
}

/** Stateless 32-bit mix of two integers (for per-entity derived streams). */
export function hash32(x: number, y: number): number {
  let h = Math.imul(x ^ 0x85ebca6b, 0xcc9e2d51) ^ y;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Weighted picker over a fixed table: O(log n) per draw. */
export function weightedPicker<T>(items: ReadonlyArray<readonly [T, number]>): (rng: Prng) => T {
  const cum = new Float64Array(items.length);
  let total = 0;
  items.forEach(([, w], i) => {
    total += w;
    cum[i] = total;
  });
  const values = items.map(([v]) => v);
  return (rng) => {
    const x = rng.next() * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return values[lo]!;
  };
}

/** Open-addressing set of non-negative integers below 2^53, kept in a typed array (no per-entry heap objects, so no GC pressure). */
export class IntegerSet {
  private table = new Float64Array(1 << 16).fill(-1);
  private count = 0;

  /** Adds `key`; returns false when it was already present. */
  add(key: number): boolean {
    if (this.count * 2 >= this.table.length) this.grow();
    const added = IntegerSet.insert(this.table, key);
    if (added) this.count++;
    return added;
  }

  get size(): number {
    return this.count;
  }

  private static insert(table: Float64Array, key: number): boolean {
    const mask = table.length - 1;
    let i = hash32(key % 4294967296, Math.floor(key / 4294967296)) & mask;
    for (;;) {
      const v = table[i]!;
      if (v === -1) {
        table[i] = key;
        return true;
      }
      if (v === key) return false;
      i = (i + 1) & mask;
    }
  }

  private grow(): void {
    const old = this.table;
    this.table = new Float64Array(old.length * 2).fill(-1);
    for (const v of old) if (v !== -1) IntegerSet.insert(this.table, v);
  }
}
