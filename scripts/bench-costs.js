// What the basic operations of the pipeline cost on this machine: the cost model behind the speed
// section of the README. Prints numbers; asserts nothing. Uses generated ID-like numbers only.
//
//   npm run bench:costs      (builds, then node --expose-gc scripts/bench-costs.js)
//
// 1. A dependent random read in a typed array of 8 MB, 512 MB and 2 GB (memory latency).
// 2. A lookup of a fresh string (a cell just split from a line) in a Map of 100,000 and 1,000,000
//    entries, in random order, and the same in the project's StringMap (a flat typed-array table).
// 3. Creating an object that outlives the young generation (every record and cached value does).
// 4. One column of 1,900,000 ID cells (two sources' worth at a million persons, 59% distinct):
//    a Map from cell to result, against packing the column into integers and radix-sorting it.
// 5. Touching fresh memory: a new 256 MiB buffer written once per 4 KiB page (each write faults a
//    page in from the operating system), and the process's page faults while doing it.
// 6. A list of 2,000,000 strings grown by push (copied into fresh memory at every growth), against
//    one array allocated at its length and the project's ArrayBuilder (chunks, copied once).
import { performance } from 'node:perf_hooks';
import { ArrayBuilder } from '../dist/lib/array-builder.js';
import { StringMap } from '../dist/lib/string-map.js';
import { createPrng } from '../dist/synth/prng.js';

const gc = globalThis.gc ?? (() => {});
const ns = (ms, n) => `${((ms * 1e6) / n).toFixed(0)} ns`;
/** Where each pointer chase's last slot goes, so the chase is not optimised away. */
let sink = 0;

function freshPages() {
  const before = process.resourceUsage().minorPageFault;
  const t0 = performance.now();
  const a = new Uint8Array(256 << 20);
  for (let i = 0; i < a.length; i += 4096) a[i] = 1;
  const ms = performance.now() - t0;
  const pages = a.length / 4096;
  const faults = process.resourceUsage().minorPageFault - before;
  return `${ns(ms, pages)} a 4 KiB page (${faults.toLocaleString('en')} page faults for ${pages.toLocaleString('en')} pages)`;
}

function growingLists() {
  const n = 2_000_000;
  const strings = Array.from({ length: 1024 }, (_, i) => `k${i}`);
  const ways = {
    'grown by push': () => {
      const a = [];
      for (let i = 0; i < n; i++) a.push(strings[i & 1023]);
      return a;
    },
    'allocated at its length': () => {
      const a = new Array(n);
      for (let i = 0; i < n; i++) a[i] = strings[i & 1023];
      return a;
    },
    'ArrayBuilder, then toArray': () => {
      const b = new ArrayBuilder();
      for (let i = 0; i < n; i++) b.push(strings[i & 1023]);
      return b.toArray();
    },
  };
  return Object.entries(ways).map(([name, fill]) => {
    gc();
    const before = process.resourceUsage().minorPageFault;
    const t0 = performance.now();
    sink += fill().length;
    const ms = performance.now() - t0;
    return `${name}: ${ms.toFixed(0)} ms, ${(process.resourceUsage().minorPageFault - before).toLocaleString('en')} page faults`;
  });
}

function randomReads(megabytes) {
  const n = megabytes * 262_144;
  const a = new Int32Array(n);
  const rng = createPrng(7);
  // `hops` distinct slots spread over the array, linked into one cycle in random order (Sattolo):
  // each read depends on the one before, and the walk cannot fall into a short loop.
  const hops = Math.min(n, 1 << 22);
  const stride = Math.floor(n / hops);
  const at = new Int32Array(hops);
  for (let i = 0; i < hops; i++) at[i] = i * stride + rng.int(stride);
  for (let i = hops - 1; i > 0; i--) {
    const j = rng.int(i);
    [at[i], at[j]] = [at[j], at[i]];
  }
  for (let i = 0; i < hops - 1; i++) a[at[i]] = at[i + 1];
  a[at[hops - 1]] = at[0];
  let p = at[0];
  const reads = 3_000_000;
  const t0 = performance.now();
  for (let i = 0; i < reads; i++) p = a[p];
  const ms = performance.now() - t0;
  sink ^= p;
  return ns(ms, reads);
}

/** n distinct 18-digit ID-like strings (generated, not check-digit valid; distinct through i). */
function idStrings(n, seed) {
  const rng = createPrng(seed);
  const out = new Array(n);
  for (let i = 0; i < n; i++) out[i] = `43${rng.range(1000, 9999)}19${String(i).padStart(8, '0')}${rng.range(10, 99)}`;
  return out;
}

/** Fresh copies (as a tokenizer's split makes them), in a shuffled order. */
function freshShuffled(keys, seed) {
  const rng = createPrng(seed);
  const order = keys.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order.map((i) => `,${keys[i]}`.split(',')[1]);
}

function mapLookups(n) {
  const keys = idStrings(n, 11);
  const map = new Map(keys.map((k, i) => [k, { id: i }]));
  const fresh = freshShuffled(keys, 13);
  let hits = 0;
  let t0 = performance.now();
  for (const k of fresh) if (map.get(k) !== undefined) hits++;
  const mapMs = performance.now() - t0;
  // the project's flat table: (hash, entry) slots, the stored key read only to confirm a matching hash
  const flat = new StringMap();
  keys.forEach((k, i) => flat.set(k, { id: i }));
  t0 = performance.now();
  for (const k of fresh) if (flat.get(k) !== undefined) hits++;
  const flatMs = performance.now() - t0;
  return `Map ${ns(mapMs, n)}, flat table ${ns(flatMs, n)}${hits === 2 * n ? '' : ' (missed keys!)'}`;
}

function survivingObjects() {
  const n = 2_000_000;
  const keep = new Array(n);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) keep[i] = { value: keep, quality: 'valid', kind: 'resident', legacy15: false, birthDate: '', sex: i & 1 ? 'M' : 'F' };
  return ns(performance.now() - t0, n);
}

function idColumn() {
  const distinct = idStrings(1_120_000, 17);
  const rng = createPrng(19);
  // every distinct number once, 780,000 of them a second time (as a later source repeats them)
  const cells = distinct.map((s) => `,${s}`.split(',')[1]);
  for (let i = 0; i < 780_000; i++) cells.push(`,${distinct[rng.int(distinct.length)]}`.split(',')[1]);
  const n = cells.length;
  const result = (s) => ({ value: s, birthDate: s.slice(6, 14), sex: (s.charCodeAt(16) - 48) % 2 ? 'M' : 'F' });

  gc();
  let t0 = performance.now();
  const cache = new Map();
  const viaMap = new Array(n);
  for (let i = 0; i < n; i++) {
    let r = cache.get(cells[i]);
    if (r === undefined) cache.set(cells[i], (r = result(cells[i])));
    viaMap[i] = r;
  }
  const mapMs = performance.now() - t0;

  gc();
  t0 = performance.now();
  const hi = new Int32Array(n);
  const lo = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const s = cells[i];
    let a = 0;
    let b = 0;
    for (let k = 0; k < 9; k++) a = a * 10 + s.charCodeAt(k) - 48;
    for (let k = 9; k < 18; k++) b = b * 10 + s.charCodeAt(k) - 48;
    hi[i] = a;
    lo[i] = b;
  }
  const packMs = performance.now() - t0;
  let idx = new Int32Array(n);
  let tmp = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  const count = new Int32Array(2048);
  for (const [key, shift] of [[lo, 0], [lo, 11], [lo, 22], [hi, 0], [hi, 11], [hi, 22]]) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[(key[idx[i]] >>> shift) & 2047]++;
    for (let d = 0, sum = 0; d < 2048; d++) {
      const c = count[d];
      count[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) tmp[count[(key[idx[i]] >>> shift) & 2047]++] = idx[i];
    [idx, tmp] = [tmp, idx];
  }
  const sortMs = performance.now() - t0 - packMs;
  // one result per run of equal numbers, shared by every cell of the run
  const viaSort = new Array(n);
  let groups = 0;
  for (let s = 0; s < n; ) {
    const i = idx[s];
    let e = s + 1;
    while (e < n && hi[idx[e]] === hi[i] && lo[idx[e]] === lo[i]) e++;
    const r = result(cells[i]);
    for (let t = s; t < e; t++) viaSort[idx[t]] = r;
    groups++;
    s = e;
  }
  const sortTotal = performance.now() - t0;
  let same = groups === cache.size;
  for (let i = 0; i < n && same; i += 997) same = viaSort[i].value === viaMap[i].value;
  return [
    `${n.toLocaleString('en')} cells, ${cache.size.toLocaleString('en')} distinct${same ? '' : ' (results differ!)'}`,
    `  Map from cell to result: ${(mapMs / 1000).toFixed(2)} s`,
    `  sorted: pack ${(packMs / 1000).toFixed(2)} s, radix sort ${(sortMs / 1000).toFixed(2)} s, ` +
      `one result per distinct value ${((sortTotal - packMs - sortMs) / 1000).toFixed(2)} s, in all ${(sortTotal / 1000).toFixed(2)} s`,
  ];
}

console.log(`node ${process.version}${globalThis.gc ? '' : ' (run with --expose-gc for steadier numbers)'}`);
console.log('dependent random read:');
for (const mb of [8, 512, 2048]) console.log(`  within ${mb} MB: ${randomReads(mb)}`);
gc();
console.log('lookup of a fresh 18-character string, random order:');
for (const n of [100_000, 1_000_000]) {
  console.log(`  ${n.toLocaleString('en')} entries: ${mapLookups(n)}`);
  gc();
}
console.log(`creating an object that is kept (2,000,000 of them): ${survivingObjects()} each`);
gc();
console.log('an ID column:');
for (const line of idColumn()) console.log(`  ${line}`);
gc();
console.log(`touching fresh memory: ${freshPages()}`);
gc();
console.log('a list of 2,000,000 strings:');
for (const line of growingLists()) console.log(`  ${line}`);
