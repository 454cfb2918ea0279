// What the basic operations of the pipeline cost on this machine: the cost model behind the speed
// section of the README. Prints numbers; asserts nothing. Uses generated ID-like numbers only.
//
//   node --expose-gc scripts/bench-costs.js
//
// 1. A dependent random read in a typed array of 8 MB, 512 MB and 2 GB (memory latency).
// 2. A lookup of a fresh string (a cell just split from a line) in a Map of 100,000 and 1,000,000
//    entries, in random order, and the same in a flat typed-array hash table.
// 3. Creating an object that outlives the young generation (every record and cached value does).
// 4. One column of 1,900,000 ID cells (two sources' worth at a million persons, 59% distinct):
//    a Map from cell to result, against packing the column into integers and radix-sorting it.
import { performance } from 'node:perf_hooks';

const gc = globalThis.gc ?? (() => {});
const ns = (ms, n) => `${((ms * 1e6) / n).toFixed(0)} ns`;

/** A fixed pseudo-random sequence (xorshift32), so runs compare. */
function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s >>> 0;
  };
}

function randomReads(megabytes) {
  const n = megabytes * 262_144;
  const a = new Int32Array(n);
  const next = rng(7);
  // `hops` distinct slots spread over the array, linked into one cycle in random order (Sattolo):
  // each read depends on the one before, and the walk cannot fall into a short loop.
  const hops = Math.min(n, 1 << 22);
  const stride = Math.floor(n / hops);
  const at = new Int32Array(hops);
  for (let i = 0; i < hops; i++) at[i] = i * stride + (next() % stride);
  for (let i = hops - 1; i > 0; i--) {
    const j = next() % i;
    [at[i], at[j]] = [at[j], at[i]];
  }
  for (let i = 0; i < hops - 1; i++) a[at[i]] = at[i + 1];
  a[at[hops - 1]] = at[0];
  let p = at[0];
  const reads = 3_000_000;
  const t0 = performance.now();
  for (let i = 0; i < reads; i++) p = a[p];
  const ms = performance.now() - t0;
  return p >= 0 ? ns(ms, reads) : '';
}

/** n distinct 18-digit ID-like strings (generated, not check-digit valid). */
function idStrings(n, seed) {
  const next = rng(seed);
  const out = new Array(n);
  for (let i = 0; i < n; i++) out[i] = `43${String(1000 + (next() % 9000))}19${String(10_000_000 + (next() % 89_999_999)).padStart(8, '0')}${i % 10}${(i >> 3) % 10}`.slice(0, 18);
  return out;
}

/** Fresh copies (as a tokenizer's split makes them), in a shuffled order. */
function freshShuffled(keys, seed) {
  const next = rng(seed);
  const order = keys.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = next() % (i + 1);
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
  // flat table: (32-bit hash, index) slots, the stored key read only to confirm a matching hash
  let cap = 1024;
  while (cap < n * 2) cap *= 2;
  const slots = new Int32Array(cap * 2);
  const mask = cap - 1;
  const hash = (s) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    return h | 1;
  };
  for (let i = 0; i < n; i++) {
    const h = hash(keys[i]);
    let x = Math.imul(h, 0x9e3779b1) & mask;
    while (slots[2 * x] !== 0) x = (x + 1) & mask;
    slots[2 * x] = h;
    slots[2 * x + 1] = i;
  }
  t0 = performance.now();
  for (const k of fresh) {
    const h = hash(k);
    for (let x = Math.imul(h, 0x9e3779b1) & mask; slots[2 * x] !== 0; x = (x + 1) & mask) {
      if (slots[2 * x] === h && keys[slots[2 * x + 1]] === k) {
        hits++;
        break;
      }
    }
  }
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
  const next = rng(19);
  // every distinct number once, 780,000 of them a second time (as a later source repeats them)
  const cells = distinct.map((s) => `,${s}`.split(',')[1]);
  for (let i = 0; i < 780_000; i++) cells.push(`,${distinct[next() % distinct.length]}`.split(',')[1]);
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
    for (let d = 0, sum = 0; d < 2048; d++) [count[d], sum] = [sum, sum + count[d]];
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
