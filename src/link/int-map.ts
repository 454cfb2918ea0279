/**
 * Open-addressing hash map from non-zero 32-bit integer keys (`keyHash` values) to dense ids
 * 0, 1, 2 … in order of first insertion, on typed arrays: no per-entry objects, so millions of
 * block keys or ID hashes cost a few flat arrays instead of a large `Map` the GC has to walk.
 */
export class IntIdMap {
  /** Interleaved (key, id) slots: one cache line per probe; key 0 marks an empty slot. */
  private slots: Int32Array<ArrayBuffer>;
  private mask: number;
  /** Keys in id order (`keys[id]`). */
  keys: Int32Array<ArrayBuffer>;
  size = 0;

  constructor(expected = 1024) {
    let cap = 1024;
    while (cap < expected * 2) cap *= 2;
    this.slots = new Int32Array(cap * 2);
    this.mask = cap - 1;
    this.keys = new Int32Array(Math.max(16, expected));
  }

  /** Empties the map, keeping its arrays (reuse spares the GC: large typed arrays trigger full collections). */
  clear(): void {
    if (this.size === 0) return;
    this.slots.fill(0);
    this.size = 0;
  }

  /** Id of `key` (≥ 0), or -1 when absent. */
  get(key: number): number {
    const s = this.probe(key);
    return this.slots[2 * s] === key ? this.slots[2 * s + 1]! : -1;
  }

  /** Id of `key`, adding it with the next id when absent. */
  add(key: number): number {
    const sl = this.slots;
    const s = this.probe(key);
    if (sl[2 * s] === key) return sl[2 * s + 1]!;
    const id = this.size++;
    sl[2 * s] = key;
    sl[2 * s + 1] = id;
    if (id === this.keys.length) {
      const grown = new Int32Array(id * 2);
      grown.set(this.keys);
      this.keys = grown;
    }
    this.keys[id] = key;
    if (this.size * 2 > this.mask) this.rehash();
    return id;
  }

  /** The slot holding `key`, or the empty slot where it would go (linear probing). */
  private probe(key: number): number {
    const sl = this.slots;
    const mask = this.mask;
    let s = Math.imul(key, 0x9e3779b1) & mask;
    for (;;) {
      const k = sl[2 * s]!;
      if (k === key || k === 0) return s;
      s = (s + 1) & mask;
    }
  }

  private rehash(): void {
    const cap = (this.mask + 1) * 2;
    const sl = new Int32Array(cap * 2);
    const mask = cap - 1;
    for (let id = 0; id < this.size; id++) {
      const key = this.keys[id]!;
      let s = Math.imul(key, 0x9e3779b1) & mask;
      while (sl[2 * s] !== 0) s = (s + 1) & mask;
      sl[2 * s] = key;
      sl[2 * s + 1] = id;
    }
    this.slots = sl;
    this.mask = mask;
  }
}
