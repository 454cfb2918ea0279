/*
 * Records keep millions of short strings, most of them repeats (areas, households, addresses,
 * relationships). One shared instance per distinct value saves memory, and the copy made on first
 * sight matters too: a cell of 13 or more characters split from a decoded chunk is a slice that keeps
 * the whole chunk (about 2 MB) alive for as long as any record holds the cell.
 * Each kind of value gets its own pool: a lookup in a small map stays in the CPU cache, one in a
 * map of millions does not.
 */

import { detach } from '../lib/flat-string.js';
import { StringMap } from '../lib/string-map.js';

const POOL_LIMIT = 2_000_000;

/** A per-distinct-value cache: a StringMap, or anything else that can be emptied. */
interface Cache {
  clear(): void;
  readonly size?: number;
  reserve?(entries: number): void;
}

const caches: Cache[] = [];

/** Registers a per-distinct-value cache so the runner can drop it once ingest is done. */
export function registerCache<C extends Cache>(cache: C): C {
  caches.push(cache);
  return cache;
}

/** Entries a cache is never made room for beyond (the caches clear themselves at 2–3 M). */
const RESERVE_LIMIT = 3_000_000;
/** Room made beyond the entries a file's first rows foretell. */
const RESERVE_MARGIN = 1.25;
/** A cache is foretold when it grew, per row, at least this share as fast in the second stretch as in the first. */
const STEADY_GROWTH = 0.8;

/** Each registered cache's size now: taken before a file is read, and midway through its first rows, for reserveCaches. */
export function cacheSizes(): number[] {
  return caches.map((c) => c.size ?? 0);
}

/**
 * Makes room in each cache for the entries a file's remaining `rowsAhead` rows will add, foretold from
 * what its first rows added: `atStart`, `atMidway` and now are the caches' sizes (cacheSizes) before
 * the file, after its first `rowsFirst` rows and after `rowsSecond` more. Only a cache that grew about
 * as fast in the second stretch as in the first is foretold; one whose values soon stop being new
 * (dates, relationships) is left to grow. A cache that doubles its way up re-inserts every key at each
 * step and takes twice its final size of fresh memory, which this VM faults in at 12–16 µs a 4 KiB
 * page: in a 1M ingest the caches' doublings took ~40,000 page faults.
 */
export function reserveCaches(
  atStart: readonly number[],
  atMidway: readonly number[],
  rowsFirst: number,
  rowsSecond: number,
  rowsAhead: number,
): void {
  if (rowsFirst <= 0 || rowsSecond <= 0) return;
  caches.forEach((cache, i) => {
    if (cache.size === undefined || !cache.reserve) return;
    const first = (atMidway[i] ?? 0) - (atStart[i] ?? 0);
    const second = cache.size - (atMidway[i] ?? 0);
    const rate = second / rowsSecond;
    if (second <= 0 || rate < (first / rowsFirst) * STEADY_GROWTH) return;
    cache.reserve(Math.min(RESERVE_LIMIT, Math.ceil(cache.size + rate * rowsAhead * RESERVE_MARGIN)));
  });
}

/** A string pool: returns the shared instance of a value (detached from any parent string). */
export function createPool(): (s: string) => string {
  const pool = registerCache(new StringMap<string>());
  return (s: string): string => {
    if (s.length === 0) return '';
    let v = pool.get(s);
    if (v === undefined) {
      v = detach(s);
      if (pool.size >= POOL_LIMIT) pool.clear();
      pool.set(v, v);
    }
    return v;
  };
}

/**
 * `fn` remembering its last call: consecutive rows of one household repeat their household, address
 * and area cells, and a cell equal to the previous one then skips a lookup in a map of up to hundreds
 * of thousands of entries (a cache miss or more). `fn` must be pure: a cached normaliser.
 */
export function lastCell<T>(fn: (raw: string) => T): (raw: string) => T {
  let lastRaw: string | undefined;
  let lastValue: T;
  return (raw: string): T => {
    if (raw !== lastRaw) {
      lastValue = fn(raw);
      lastRaw = raw;
    }
    return lastValue;
  };
}

/** The shared pool for values of few distinct spellings (dates, relationships, area codes). */
export const intern = createPool();


/** Empties every registered cache: after ingest they only hold memory the later stages need. */
export function clearNormaliseCaches(): void {
  for (const cache of caches) cache.clear();
}
