import { FNV_START, fnvChars } from './fnv.js';

/** Entries per chunk of a StringMap's entry table: 2 × 4096 slots, 64 KiB, an ordinary heap object. */
const CHUNK_BITS = 12;
const CHUNK = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK - 1;

/**
 * A hash map from strings to values, for the per-distinct-value caches of normalise and the
 * duplicate record-key check: millions of lookups of fresh cells (slices of a decoded chunk).
 *
 * Why not `Map`: a lookup of a fresh 18-character string in random order took 2.31–2.36 µs in a `Map`
 * of a million entries and 0.95–0.96 µs in this table (`npm run bench:costs`, two runs). A `Map` miss
 * reads a bucket, a chain entry and the stored key's header; here it reads one (hash, entry) slot pair.
 * Reading all six sources of the 1M county took 44.8–53.3 s with it against 53.5–58.6 s with `Map`,
 * three runs each, interleaved, and left 1,402–1,498 MiB of heap in use instead of 1,798–1,815 MiB.
 * Open addressing with linear probing, load ≤ 1/2; the keys stay strings, compared in full on a
 * hash match. Not iterable: the caches are only looked up, grown and cleared.
 *
 * Entries (key, value) live in chunks of CHUNK that are never copied: an array grown by `push` is
 * copied into fresh memory at every growth (see ArrayBuilder). Reading the 1M county's sources with
 * chunks took ~60,000 fewer page faults than with two arrays of keys and values grown by push.
 */
export class StringMap<V> {
  /** [hash, entry] per slot; hash 0 marks an empty slot (hashes are odd). */
  private slots: Int32Array;
  private mask: number;
  /** Entry e is (chunks[e >> CHUNK_BITS][2·(e & CHUNK_MASK)], … + 1): its key, then its value. */
  private chunks: unknown[][] = [];
  private count = 0;

  constructor(private readonly initialSlots = 1024) {
    this.slots = new Int32Array(initialSlots * 2);
    this.mask = initialSlots - 1;
  }

  get size(): number {
    return this.count;
  }

  get(key: string): V | undefined {
    const h = hashOf(key);
    const slots = this.slots;
    const mask = this.mask;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const sh = slots[2 * i]!;
      if (sh === 0) return undefined;
      if (sh === h) {
        const e = slots[2 * i + 1]!;
        const chunk = this.chunks[e >> CHUNK_BITS]!;
        const at = (e & CHUNK_MASK) << 1;
        if (chunk[at] === key) return chunk[at + 1] as V;
      }
    }
  }

  set(key: string, value: V): void {
    this.put(key, value, true);
  }

  /** Adds the key unless it is present (then the stored value stays); true when it was added. */
  setIfAbsent(key: string, value: V): boolean {
    return this.put(key, value, false);
  }

  /**
   * Makes room for `entries` keys in all, so that a map about to take many keys grows once rather than
   * doubling its way there (each doubling re-inserts every key, a cache miss apiece in a large table).
   */
  reserve(entries: number): void {
    let slots = this.mask + 1;
    while (entries * 2 > slots) slots *= 2;
    if (slots > this.mask + 1) this.rehash(slots);
  }

  clear(): void {
    this.slots = new Int32Array(this.initialSlots * 2);
    this.mask = this.initialSlots - 1;
    this.chunks = [];
    this.count = 0;
  }

  private put(key: string, value: V, replace: boolean): boolean {
    if ((this.count + 1) * 2 > this.mask + 1) this.grow();
    const h = hashOf(key);
    const slots = this.slots;
    const mask = this.mask;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const sh = slots[2 * i]!;
      if (sh === 0) {
        const e = this.count++;
        slots[2 * i] = h;
        slots[2 * i + 1] = e;
        if ((e & CHUNK_MASK) === 0) this.chunks.push(new Array<unknown>(2 * CHUNK));
        const chunk = this.chunks[e >> CHUNK_BITS]!;
        const at = (e & CHUNK_MASK) << 1;
        chunk[at] = key;
        chunk[at + 1] = value;
        return true;
      }
      if (sh === h) {
        const e = slots[2 * i + 1]!;
        const chunk = this.chunks[e >> CHUNK_BITS]!;
        const at = (e & CHUNK_MASK) << 1;
        if (chunk[at] === key) {
          if (replace) chunk[at + 1] = value;
          return false;
        }
      }
    }
  }

  private grow(): void {
    this.rehash((this.mask + 1) * 2);
  }

  private rehash(size: number): void {
    const old = this.slots;
    const slots = new Int32Array(size * 2);
    const mask = size - 1;
    for (let j = 0; j < old.length; j += 2) {
      const h = old[j]!;
      if (h === 0) continue;
      let i = h & mask;
      while (slots[2 * i] !== 0) i = (i + 1) & mask;
      slots[2 * i] = h;
      slots[2 * i + 1] = old[j + 1]!;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/** FNV-1a of the key, made odd so that 0 can mark an empty slot. */
function hashOf(s: string): number {
  return fnvChars(FNV_START, s) | 1;
}
