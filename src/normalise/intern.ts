/*
 * Records keep millions of short strings, most of them repeats (areas, households, addresses,
 * relationships). One shared instance per distinct value saves memory, and the copy made on first
 * sight matters too: a cell of 13 or more characters split from a decoded chunk is a slice that keeps
 * the whole chunk (about 2 MB) alive for as long as any record holds the cell.
 * Each kind of value gets its own pool: a lookup in a small map stays in the CPU cache, one in a
 * map of millions does not.
 */

import { StringMap } from '../lib/string-map.js';

const POOL_LIMIT = 2_000_000;

const caches: Array<{ clear(): void }> = [];

/** Registers a per-distinct-value cache so the runner can drop it once ingest is done. */
export function registerCache<C extends { clear(): void }>(cache: C): C {
  caches.push(cache);
  return cache;
}


/** Longest string `detach` copies code unit by code unit (one argument each). */
const COPY_LIMIT = 256;
const codeUnits: number[] = [];

/**
 * A copy of `s` that does not keep a larger parent string alive. Below 13 characters V8 copies
 * substrings anyway. Above, the copy is built from its code units: one flat string, where
 * concatenating and slicing (`(' ' + s).slice(1)`) left two objects, a slice of a flat copy: 32 bytes
 * more and one more object for the young-generation collector to copy. Reading the 100k county kept
 * 240,608 such slices; at 1M the heap after reading fell from 1,014 to 912 MiB.
 */
export function detach(s: string): string {
  const n = s.length;
  if (n < 13) return s;
  if (n > COPY_LIMIT) return (' ' + s).slice(1);
  codeUnits.length = n;
  for (let i = 0; i < n; i++) codeUnits[i] = s.charCodeAt(i);
  return String.fromCharCode.apply(null, codeUnits);
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
