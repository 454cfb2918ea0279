import { existsSync } from 'node:fs';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { doubled } from '../../lib/doubled.js';
import type { PersonRecord } from '../../model.js';
import { IntIdMap } from '../int-map.js';
import type { BlockingContext, BlockingRule } from './blocking-rule.js';
import { type KeyKernelName, KEY_KERNELS, type PairTestName } from './array-kernels.js';

/**
 * Per-rule record → generated block keys, to skip pairs an earlier rule already produced.
 * Single-key rules keep one key per record in their column of the shared row table
 * (`rowKeys[i * rules + column]`, -1 for none or an oversized block); multi-key rules keep
 * compressed rows (record i's keys are keys[start[i]..start[i+1]]).
 */
export interface RuleKeys {
  /** The rule's column in the row table, or -1 for a multi-key rule. */
  column: number;
  start: Int32Array;
  keys: Int32Array;
  /** 1 when the block of that key was generated (not oversized). */
  blockOk: Uint8Array;
  /** The rule's pair condition on record positions: a pair sharing a key but failing it was not emitted by the rule. */
  pairFilter: ((a: number, b: number) => boolean) | undefined;
}

/** A rule's keys as compressed rows: record i's keys are keys[start[i]..start[i+1]], none of them 0. */
export interface KeyRows {
  start: Int32Array;
  keys: Int32Array;
}

export interface BlockingStats {
  candidatePairsByRule: Record<string, number>;
  oversizedBlocksByRule: Record<string, number>;
}

/**
 * What `keep` vetoes, as arrays a worker can read: a worker that groups rules' blocks drops those
 * pairs itself, and `keep` still decides the rest on the main thread (so the veto may be weaker
 * than `keep`, never stronger).
 */
export interface PairVeto {
  /** Records of one group never pair (linkage: each record's ID-pass cluster). */
  group: Int32Array;
  /**
   * Records with a valid ID number (1), as packed digits: the first nine in `idHigh`, the next eight
   * in `idLow` (read for those records only). Two such records pair only when from different sources (`sourceIx`) and one
   * substitution or one adjacent transposition apart in those 17 digits (linkage's `idOneOff`).
   */
  tagged: Uint8Array;
  idHigh: Int32Array;
  idLow: Int32Array;
  sourceIx: Int32Array;
}

export interface BlockingOptions {
  /** What `keep` vetoes as arrays, made when a worker is used: with it, rules a worker can run go to one. */
  veto?: () => PairVeto;
  /** Records from which a worker is used (tests lower it). */
  workerFrom?: number;
  /**
   * Work of the caller's that does not depend on blocking, run once on this thread after its own
   * rules, while a worker (if any) groups blocks. Linkage estimates its model's u and m there.
   */
  meanwhile?: () => void;
}

/**
 * Generates candidate pairs (l < r) rule by rule. A pair is emitted once, by the first rule
 * (and block) that produces it; only pairs with at least one `active` record are considered,
 * `keep(l, r)` may veto a pair cheaply. Keys are computed once per record per rule; blocks larger
 * than `maxBlockSize` are skipped and counted.
 *
 * Each thread collects each of its rules' pairs; they are then checked against the earlier rules and
 * `keep`, and emitted in rule order. From `WORKER_FROM` records, a worker thread groups the blocks of
 * every rule it can run (a rule without a pair condition, or with one it can test on numbers:
 * `arrays.test`), while this thread works out the keys the worker cannot (rules without
 * `arrays.keys`), rule by rule, handing each rule's to the worker as soon as they are there, runs
 * its own rules and then `meanwhile`: the same pairs, in the same order, as on one thread.
 */
export function blockPairs(
  records: readonly PersonRecord[],
  rules: readonly BlockingRule[],
  maxBlockSize: number,
  active: Uint8Array,
  keep: (l: number, r: number) => boolean,
  onPair: (l: number, r: number, rule: number) => void,
  /** Lookups the rules may use (linkage passes its ID pass's index). */
  context: BlockingContext,
  options: BlockingOptions = {},
): BlockingStats {
  const n = records.length;
  const width = rules.length;
  const threaded = WORKER_URL !== null && options.veto !== undefined && n >= (options.workerFrom ?? WORKER_FROM);
  const inWorker = rules.map((rule) => threaded && (!rule.pairFilter || rule.arrays?.test !== undefined));
  // rules whose keys the worker works out itself, from the rule's columns
  const workerKeys = rules.map((rule, ruleIx) => inWorker[ruleIx]! && rule.arrays?.keys !== undefined);
  const anyWorker = inWorker.some((w) => w);
  // Every single-key rule's block id of record i, side by side in one row: a pair checks all
  // earlier rules by reading two rows (a cache line each) instead of two cells in each rule's own
  // array. Those reads were one to two cache misses per earlier rule and visited pair; at a million
  // persons the rules visit 5.2 M pairs, and the later rules check seven earlier ones. Until its
  // rule runs, a one-key rule's column holds the raw keys. Shared with the worker, if there is one.
  const rowKeys = new Int32Array(anyWorker ? new SharedArrayBuffer(n * width * 4) : new ArrayBuffer(n * width * 4));
  const stats: BlockingStats = { candidatePairsByRule: {}, oversizedBlocksByRule: {} };
  // prepared when first needed: a rule whose keys the worker works out needs none here
  const keyFns: Array<((r: PersonRecord, i: number) => number | readonly number[]) | undefined> = new Array(width);
  const keyFn = (ruleIx: number): ((r: PersonRecord, i: number) => number | readonly number[]) =>
    (keyFns[ruleIx] ??= rules[ruleIx]!.prepare(records, context));
  const filters = rules.map((rule) => {
    const f = rule.pairFilter;
    return f ? (a: number, b: number): boolean => f(records[a]!, records[b]!) : undefined;
  });
  const count = (ruleIx: number, pairs: number, oversized: number): void => {
    const name = rules[ruleIx]!.name;
    stats.candidatePairsByRule[name] = (stats.candidatePairsByRule[name] ?? 0) + pairs;
    stats.oversizedBlocksByRule[name] = (stats.oversizedBlocksByRule[name] ?? 0) + oversized;
  };
  // The one-key rules' keys, record by record, into their columns of the row table (0 for none):
  // each record and the strings it points to are fetched once for all those rules rather than once
  // per rule. At a million persons (2.06 M records) the six default one-key rules took 2.0 s this
  // way against 4.0 s rule by rule, most of it waiting on memory.
  const oneKey = rules.flatMap((rule, ruleIx) => (rule.keys === 'one' && !rule.arrays?.keys ? [ruleIx] : []));
  const oneKeyKeys = (): void => {
    const fns = oneKey.map((ruleIx) => keyFn(ruleIx) as (r: PersonRecord, i: number) => number);
    for (let i = 0, row = 0; i < n; i++, row += width) {
      const record = records[i]!;
      for (let f = 0; f < fns.length; f++) rowKeys[row + oneKey[f]!] = fns[f]!(record, i);
    }
  };
  const keyRowsOf = (ruleIx: number): KeyRows | null => {
    const rule = rules[ruleIx]!;
    // a rule with a key kernel gives the same keys through it, without an array per record
    if (rule.arrays?.keys) return kernelRows(rule.arrays.keys, rule.arrays.columns(records, context), n);
    return rule.keys === 'one' ? null : keyRows(records, keyFn(ruleIx));
  };
  const done: Array<RuleKeys | undefined> = new Array(width);
  /** True when a rule in `among` before `ruleIx` produced the pair (its keys in `done`). */
  const earlier = (ruleIx: number, a: number, b: number, among: readonly boolean[]): boolean => {
    for (let d = 0; d < ruleIx; d++) if (among[d] && ruleProduced(rowKeys, width, done[d]!, a, b)) return true;
    return false;
  };
  // made when this thread first runs a rule (with a worker, in the default rules it runs none)
  let ownRunner: RuleRunner | undefined;
  const runner = (): RuleRunner => (ownRunner ??= new RuleRunner(n, width, rowKeys, active, maxBlockSize));

  const worker = anyWorker ? startWorker(records, context, rules, rowKeys, width, n, active, options.veto!(), maxBlockSize, inWorker) : null;
  // this thread's rules' pairs, each rule's in order, checked against earlier rules when merged
  const own: Array<{ l: Int32Array; r: Int32Array } | undefined> = new Array(width);
  const ownOversized = new Int32Array(width);
  try {
    // keys in rule order (the one-key rules' all at once, at the first one's turn): a worker takes
    // its rules in that order, each as soon as its keys are there
    let oneKeyDone = false;
    rules.forEach((rule, ruleIx) => {
      if (workerKeys[ruleIx]) return;
      if (rule.keys === 'one') {
        if (oneKeyDone) return;
        oneKeyKeys();
        oneKeyDone = true;
        for (const r of oneKey) if (inWorker[r]) worker!.keysReady(r, null);
      } else if (inWorker[ruleIx]) worker!.keysReady(ruleIx, keyRowsOf(ruleIx)!);
    });
    rules.forEach((_rule, ruleIx) => {
      if (inWorker[ruleIx]) return;
      const out = new PairList();
      const result = runner().run(ruleIx, keyRowsOf(ruleIx), filters[ruleIx], (a, b) => out.push(a, b));
      done[ruleIx] = result.current;
      own[ruleIx] = out.take();
      ownOversized[ruleIx] = result.oversized;
    });
    options.meanwhile?.();
    // Rule by rule, as a worker posts them: its pairs are checked while it runs its later rules.
    // The worker checked its own earlier rules, this thread none: each pair is checked against the rest.
    const notWorker = inWorker.map((w) => !w);
    const all = rules.map(() => true);
    let ended = worker === null;
    /** Waits for the worker's end; its many-key rules' block ids then join `done` (only this thread's rules check them). */
    const finish = (): void => {
      if (ended) return;
      const { rows } = worker!.end();
      rows.forEach((blockIds, ruleIx) => {
        if (blockIds) done[ruleIx] = { column: -1, ...blockIds, pairFilter: filters[ruleIx] };
      });
      ended = true;
    };
    for (let ruleIx = 0; ruleIx < width; ruleIx++) {
      let pairs: { l: Int32Array; r: Int32Array };
      let oversized: number;
      if (inWorker[ruleIx]) {
        const got = worker!.nextRule(ruleIx);
        if (!got.multi) done[ruleIx] = { column: ruleIx, start: EMPTY, keys: EMPTY, blockOk: got.blockOk, pairFilter: filters[ruleIx] };
        pairs = got;
        oversized = got.oversized;
      } else {
        finish();
        pairs = own[ruleIx]!;
        oversized = ownOversized[ruleIx]!;
      }
      const among = inWorker[ruleIx] ? notWorker : all;
      let emitted = 0;
      for (let t = 0; t < pairs.l.length; t++) {
        const a = pairs.l[t]!;
        const b = pairs.r[t]!;
        if (earlier(ruleIx, a, b, among) || !keep(a, b)) continue;
        emitted++;
        onPair(a, b, ruleIx);
      }
      count(ruleIx, emitted, oversized);
    }
    finish();
  } finally {
    worker?.stop();
  }
  return stats;
}

/** A multi-key rule's keys, record by record, as compressed rows (keys 0, meaning none, left out). */
function keyRows(records: readonly PersonRecord[], keyFn: (r: PersonRecord, i: number) => number | readonly number[]): KeyRows {
  const rows = new RowsBuilder(records.length);
  for (let i = 0; i < records.length; i++) {
    const out = keyFn(records[i]!, i);
    if (typeof out === 'number') rows.add(out);
    else for (const k of out) rows.add(k);
    rows.next(i);
  }
  return rows.done();
}

/** A rule's keys as compressed rows, from its key kernel and columns (see BlockingRule.arrays). */
export function kernelRows(kernel: KeyKernelName, columns: readonly Int32Array[], n: number): KeyRows {
  const { maxKeys, keys: keysOf } = KEY_KERNELS[kernel];
  // room for every record's keys: pages never written are never faulted in
  const rows = new RowsBuilder(n, n * maxKeys);
  const out = new Int32Array(maxKeys);
  for (let i = 0; i < n; i++) {
    const count = keysOf(columns, i, out);
    for (let t = 0; t < count; t++) rows.add(out[t]!);
    rows.next(i);
  }
  return rows.done();
}

/** Compressed key rows, built record by record. */
class RowsBuilder {
  private readonly start: Int32Array;
  private keys: Int32Array<ArrayBuffer>;
  private m = 0;

  constructor(n: number, room = n) {
    this.start = new Int32Array(n + 1);
    this.keys = new Int32Array(Math.max(16, room));
  }

  /** Adds a key (0, meaning none, is left out) to the current record's. */
  add(key: number): void {
    if (key === 0) return;
    if (this.m === this.keys.length) this.keys = doubled(this.keys);
    this.keys[this.m++] = key;
  }

  /** Ends record i's keys. */
  next(i: number): void {
    this.start[i + 1] = this.m;
  }

  done(): KeyRows {
    return { start: this.start, keys: this.keys.subarray(0, this.m) };
  }
}

/** Pairs of record positions, in the order pushed, on growing typed arrays. */
export class PairList {
  private l = new Int32Array(1 << 16);
  private r = new Int32Array(1 << 16);
  private length = 0;

  push(a: number, b: number): void {
    if (this.length === this.l.length) {
      this.l = doubled(this.l);
      this.r = doubled(this.r);
    }
    this.l[this.length] = a;
    this.r[this.length++] = b;
  }

  /** The pairs pushed since the last take, as arrays of their own; the list is then empty. */
  take(): { l: Int32Array<ArrayBuffer>; r: Int32Array<ArrayBuffer> } {
    const out = { l: this.l.slice(0, this.length), r: this.r.slice(0, this.length) };
    this.length = 0;
    return out;
  }
}

/**
 * Records from which blocking hands rules to a worker: at 100k persons (205k records) it made
 * no difference, the worker's start and the copies of its arrays weighing about what it saved.
 */
const WORKER_FROM = 500_000;
/** The worker module: compiled code only (TypeScript sources run blocking on one thread). */
const WORKER_URL = import.meta.url.endsWith('.js') && existsSync(new URL('./block-worker.js', import.meta.url)) ? new URL('./block-worker.js', import.meta.url) : null;
/** How long one thread waits for the other before giving up (a thread that died never answers). */
export const WORKER_TIMEOUT_MS = 30 * 60 * 1000;

/** What the worker posts as it finishes each of its rules (in rule order): its pairs, in order, and its generated blocks. */
export interface RuleMessage {
  kind: 'rule';
  ruleIx: number;
  l: Int32Array;
  r: Int32Array;
  blockOk: Uint8Array;
  oversized: number;
  /** True when the rule gave some record more than one key: its block ids come in the end message, not its column. */
  multi: boolean;
}

/**
 * What the worker posts once all its rules are done: the block ids of its multi-key rules and their
 * generated blocks, by rule (when the main thread runs rules of its own: `WorkerInput.sendBlockIds`).
 */
export interface EndMessage {
  kind: 'end';
  rows: Array<(KeyRows & { blockOk: Uint8Array }) | undefined>;
}

/** What the worker posts when it fails. */
export interface ErrorMessage {
  kind: 'error';
  error: string;
}

export type WorkerMessage = RuleMessage | EndMessage | ErrorMessage;

/**
 * A rule the worker runs: with a key kernel, it works the keys out from `columns`; otherwise a
 * one-key rule reads its column of the row table and a many-key rule gets its key rows by message.
 */
export interface WorkerRule {
  ruleIx: number;
  many: boolean;
  keys: KeyKernelName | null;
  /** Its pair condition, on `columns`, or null for none. */
  test: PairTestName | null;
  columns: Int32Array[];
}

export interface WorkerInput {
  rowKeys: Int32Array;
  width: number;
  n: number;
  active: Uint8Array;
  veto: PairVeto;
  maxBlockSize: number;
  /** In rule order. */
  rules: WorkerRule[];
  /**
   * Whether the main thread runs rules of its own, which check the worker's: only then does the
   * end message carry the many-key rules' block ids (tens of MB at a million persons).
   */
  sendBlockIds: boolean;
  /**
   * [0]: messages the worker posted (it adds one after each, and wakes the main thread);
   * [1 + ruleIx]: 1 once the rule's keys are there, 2 when the main thread gave up (set by it).
   */
  status: Int32Array;
}

/** Statuses of `WorkerInput.status`. */
export const KEYS_READY = 1;
export const STOPPED = 2;

/** A message with a many-key rule's key rows, from the main thread to the worker. */
export interface KeysMessage {
  ruleIx: number;
  rows: KeyRows;
}

function startWorker(
  records: readonly PersonRecord[],
  context: BlockingContext,
  rules: readonly BlockingRule[],
  rowKeys: Int32Array,
  width: number,
  n: number,
  active: Uint8Array,
  veto: PairVeto,
  maxBlockSize: number,
  inWorker: boolean[],
): { keysReady(ruleIx: number, rows: KeyRows | null): void; nextRule(ruleIx: number): RuleMessage; end(): EndMessage; stop(): void } {
  const shared = <T extends Int32Array | Uint8Array>(a: T, make: (b: SharedArrayBuffer) => T): T => {
    const out = make(new SharedArrayBuffer(a.byteLength));
    out.set(a as never);
    return out;
  };
  const status = new Int32Array(new SharedArrayBuffer(4 * (1 + width)));
  const results = new MessageChannel();
  const keys = new MessageChannel();
  const input: WorkerInput = {
    rowKeys,
    width,
    n,
    active: shared(active, (b) => new Uint8Array(b)),
    veto: {
      group: shared(veto.group, (b) => new Int32Array(b)),
      tagged: shared(veto.tagged, (b) => new Uint8Array(b)),
      idHigh: shared(veto.idHigh, (b) => new Int32Array(b)),
      idLow: shared(veto.idLow, (b) => new Int32Array(b)),
      sourceIx: shared(veto.sourceIx, (b) => new Int32Array(b)),
    },
    maxBlockSize,
    rules: rules.flatMap((rule, ruleIx) => {
      if (!inWorker[ruleIx]) return [];
      const arrays = rule.arrays;
      return [
        {
          ruleIx,
          many: rule.keys === 'many',
          keys: arrays?.keys ?? null,
          test: arrays?.test ?? null,
          columns: arrays ? arrays.columns(records, context).map((c) => shared(c, (b) => new Int32Array(b))) : [],
        },
      ];
    }),
    sendBlockIds: inWorker.some((w) => !w),
    status,
  };
  const worker = new Worker(WORKER_URL!, {
    workerData: { input, port: results.port2, keysPort: keys.port2 },
    transferList: [results.port2, keys.port2],
  });
  let received = 0;
  // rule messages that came while waiting for the end (this thread's rule needed the worker's blocks)
  const early = new Map<number, RuleMessage>();
  /** The worker's next message: it posts one, then counts it and wakes this thread, so a counted message is there. */
  const next = (): RuleMessage | EndMessage => {
    if (Atomics.wait(status, 0, received, WORKER_TIMEOUT_MS) === 'timed-out') throw new Error('the blocking worker failed: no answer');
    const message = receiveMessageOnPort(results.port1)?.message as WorkerMessage | undefined;
    received++;
    if (!message) throw new Error('the blocking worker failed: no answer');
    if (message.kind === 'error') throw new Error(`the blocking worker failed: ${message.error}`);
    return message;
  };
  return {
    keysReady(ruleIx: number, rows: KeyRows | null): void {
      if (rows) keys.port1.postMessage({ ruleIx, rows } satisfies KeysMessage, [rows.start.buffer as ArrayBuffer, rows.keys.buffer as ArrayBuffer]);
      Atomics.store(status, 1 + ruleIx, KEYS_READY);
      Atomics.notify(status, 1 + ruleIx);
    },
    nextRule(ruleIx: number): RuleMessage {
      while (!early.has(ruleIx)) {
        const message = next();
        if (message.kind !== 'rule') throw new Error(`the blocking worker failed: rule ${ruleIx} expected`);
        early.set(message.ruleIx, message);
      }
      const message = early.get(ruleIx)!;
      early.delete(ruleIx);
      return message;
    },
    end(): EndMessage {
      for (;;) {
        const message = next();
        if (message.kind === 'end') return message;
        early.set(message.ruleIx, message);
      }
    },
    stop(): void {
      // a worker still waiting for keys (this thread failed) is told to give up, then ended
      for (let ruleIx = 0; ruleIx < width; ruleIx++) {
        Atomics.compareExchange(status, 1 + ruleIx, 0, STOPPED);
        Atomics.notify(status, 1 + ruleIx);
      }
      void worker.terminate();
      results.port1.close();
      keys.port1.close();
    },
  };
}

/**
 * The scratch buffers and tables of one thread's rules, and the grouping of one rule's rows into
 * blocks. Shared by all rules of a thread: every large typed array allocated counts as external
 * memory, and enough of it triggers a full collection of the (large) record heap.
 */
export class RuleRunner {
  private recs: Int32Array<ArrayBuffer>;
  private keys: Int32Array<ArrayBuffer>;
  private members: Int32Array<ArrayBuffer>;
  private bStart: Int32Array<ArrayBuffer>;
  private bFill: Int32Array<ArrayBuffer>;
  private readonly fill: Int32Array;
  private readonly activePos: Int32Array;
  private readonly ids: IntIdMap;
  // One bit per key (hashed) of the active records: most inactive records' keys are in no active
  // block (at 300k persons the ID rule has 4.9 M inactive rows for 0.43 M active ones), and this
  // 1 MiB set answers most of those lookups from the cache, where the id map (tens of MB at 1M) does not.
  private readonly activeBits = new Int32Array(ACTIVE_BITS >>> 5);

  constructor(
    private readonly n: number,
    private readonly width: number,
    private readonly rowKeys: Int32Array,
    private readonly active: Uint8Array,
    private readonly maxBlockSize: number,
  ) {
    this.recs = new Int32Array(Math.max(16, n));
    this.keys = new Int32Array(this.recs.length);
    this.members = new Int32Array(this.recs.length);
    this.bStart = new Int32Array(n + 1);
    this.bFill = new Int32Array(n + 1);
    this.fill = new Int32Array(n);
    this.activePos = new Int32Array(maxBlockSize + 1);
    this.ids = new IntIdMap(n);
  }

  /**
   * Groups rule `ruleIx`'s (record, key) rows into blocks, with keys from its column of the row table
   * (`rows` null) or from its key rows, and calls `visit` for each of the rule's pairs with an active
   * record, in block order (position x, then y > x): a pair that fails `pairFilter`, or that a
   * multi-key rule's earlier block already gave, is not the rule's. Leaves the rule's column holding
   * block ids of generated blocks only (-1 otherwise).
   */
  run(
    ruleIx: number,
    rows: KeyRows | null,
    pairFilter: RuleKeys['pairFilter'],
    visit: (a: number, b: number) => void,
  ): { current: RuleKeys; oversized: number } {
    const { n, width, rowKeys, active, maxBlockSize, ids, activeBits, fill, activePos } = this;
    ids.clear();
    activeBits.fill(0);
    // (record, key) rows; active records define the keys, inactive ones only join existing blocks
    let m = 0;
    let multi = false;
    const addKey = (i: number, key: number, create: boolean): void => {
      const bit = Math.imul(key, 0x9e3779b1) >>> ACTIVE_SHIFT;
      let id: number;
      if (create) {
        activeBits[bit >>> 5]! |= 1 << (bit & 31);
        id = ids.add(key);
      } else {
        if ((activeBits[bit >>> 5]! & (1 << (bit & 31))) === 0) return;
        id = ids.get(key);
        if (id < 0) return;
      }
      if (m === this.recs.length) {
        this.recs = doubled(this.recs);
        this.keys = doubled(this.keys);
      }
      this.recs[m] = i;
      this.keys[m++] = id;
    };
    for (const pass of [1, 0]) {
      for (let i = 0; i < n; i++) {
        if (active[i] !== pass) continue;
        if (rows === null) {
          const key = rowKeys[i * width + ruleIx]!;
          if (key !== 0) addKey(i, key, pass === 1);
        } else {
          const m0 = m;
          for (let t = rows.start[i]!, end = rows.start[i + 1]!; t < end; t++) addKey(i, rows.keys[t]!, pass === 1);
          if (m - m0 > 1) multi = true;
        }
      }
    }
    const { recs, keys } = this;
    const nKeys = ids.size;
    // key → members, sorted by record (rows are in pass order, so place them record by record)
    if (this.bStart.length < nKeys + 1) {
      this.bStart = new Int32Array(nKeys + 1);
      this.bFill = new Int32Array(nKeys + 1);
    } else this.bStart.fill(0, 0, nKeys + 1);
    if (this.members.length < m) this.members = new Int32Array(recs.length);
    const { bStart, bFill, members } = this;
    for (let t = 0; t < m; t++) bStart[keys[t]! + 1]!++;
    for (let k = 0; k < nKeys; k++) bStart[k + 1]! += bStart[k]!;
    bFill.set(bStart.subarray(0, nKeys));
    let current: RuleKeys;
    // the rule's column now holds block ids: -1 unless a row gave the record a key
    for (let at = ruleIx; at < rowKeys.length; at += width) rowKeys[at] = -1;
    if (!multi) {
      for (let t = 0; t < m; t++) rowKeys[recs[t]! * width + ruleIx] = keys[t]!;
      for (let i = 0, at = ruleIx; i < n; i++, at += width) {
        const k = rowKeys[at]!;
        if (k >= 0) members[bFill[k]!++] = i;
      }
      current = { column: ruleIx, start: EMPTY, keys: EMPTY, blockOk: new Uint8Array(nKeys), pairFilter };
    } else {
      // record → keys (sorted by record)
      const start = new Int32Array(n + 1);
      for (let t = 0; t < m; t++) start[recs[t]! + 1]!++;
      for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
      const recKeys = new Int32Array(m);
      fill.set(start.subarray(0, n));
      for (let t = 0; t < m; t++) recKeys[fill[recs[t]!]!++] = keys[t]!;
      for (let i = 0; i < n; i++) {
        for (let t = start[i]!; t < start[i + 1]!; t++) {
          const k = recKeys[t]!;
          // a record can emit the same key twice (multi-key rules): keep one membership
          if (bFill[k]! > bStart[k]! && members[bFill[k]! - 1] === i) continue;
          members[bFill[k]!++] = i;
        }
      }
      current = { column: -1, start, keys: recKeys, blockOk: new Uint8Array(nKeys), pairFilter };
    }
    const blockOk = current.blockOk;
    const emit = (a: number, b: number, k: number): void => {
      // a single-key rule's pair shares only this block's key
      if (pairFilter && !pairFilter(a, b)) return;
      if (multi && sharesEarlierKey(rowKeys, width, current, a, b, k)) return;
      visit(a, b);
    };
    let oversized = 0;
    for (let k = 0; k < nKeys; k++) {
      const from = bStart[k]!;
      const to = bFill[k]!;
      const size = to - from;
      if (size < 2) continue;
      if (size > maxBlockSize) {
        oversized++;
        continue;
      }
      blockOk[k] = 1;
      // Only pairs with an active record count. Visiting every pair of a block and skipping the
      // inactive ones cost O(size²) per block, most of the link stage at 1M persons; this visits
      // O(active × size) pairs, in the same order (position x, then y > x).
      let nActive = 0;
      for (let x = from; x < to; x++) if (active[members[x]!] === 1) activePos[nActive++] = x;
      if (nActive === 0) continue;
      let nextActive = 0;
      for (let x = from; x < to; x++) {
        while (nextActive < nActive && activePos[nextActive]! <= x) nextActive++;
        const a = members[x]!;
        if (active[a] === 1) {
          for (let y = x + 1; y < to; y++) emit(a, members[y]!, k);
        } else {
          for (let t = nextActive; t < nActive; t++) emit(a, members[activePos[t]!]!, k);
        }
      }
    }
    if (current.column >= 0) {
      // keep only generated blocks: the check of later rules is then one comparison
      for (let at = ruleIx; at < rowKeys.length; at += width) if (rowKeys[at]! >= 0 && blockOk[rowKeys[at]!] !== 1) rowKeys[at] = -1;
    }
    return { current, oversized };
  }
}

/** True when `veto` rules the pair out (see PairVeto). */
export function vetoed(veto: PairVeto, a: number, b: number): boolean {
  if (veto.group[a] === veto.group[b]) return true;
  if (veto.tagged[a] !== 1 || veto.tagged[b] !== 1) return false;
  if (veto.sourceIx[a] === veto.sourceIx[b]) return true;
  return !digitsOneOff(veto.idHigh[a]!, veto.idLow[a]!, veto.idHigh[b]!, veto.idLow[b]!);
}

/** `idOneOff` on 17 digits packed nine and eight to a number: different, by one substitution or one adjacent transposition. */
function digitsOneOff(ha: number, la: number, hb: number, lb: number): boolean {
  if (ha === hb && la === lb) return false;
  let first = -1;
  let diffs = 0;
  let prevA = -1;
  let prevB = -1;
  let swapped = false;
  // digits from the last (position 16) to the first: eight of the low part, then nine of the high
  for (let i = 16; i >= 0; i--) {
    let da: number;
    let db: number;
    if (i >= 9) {
      da = la % 10;
      db = lb % 10;
      la = (la - da) / 10;
      lb = (lb - db) / 10;
    } else {
      da = ha % 10;
      db = hb % 10;
      ha = (ha - da) / 10;
      hb = (hb - db) / 10;
    }
    if (da !== db) {
      if (++diffs > 2) return false;
      if (first < 0) first = i;
      else if (i !== first - 1) return false;
      else swapped = da === prevB && db === prevA;
    }
    prevA = da;
    prevB = db;
  }
  return diffs <= 1 || swapped;
}

const EMPTY = new Int32Array(0);
const ACTIVE_SHIFT = 9;
const ACTIVE_BITS = 2 ** (32 - ACTIVE_SHIFT);

/** True when records a and b share a generated block key below `limit` (an earlier block of the rule). */
function sharesEarlierKey(rowKeys: Int32Array, width: number, rk: RuleKeys, a: number, b: number, limit: number): boolean {
  if (rk.column >= 0) {
    const k = rowKeys[a * width + rk.column]!;
    return k >= 0 && k < limit && k === rowKeys[b * width + rk.column]! && rk.blockOk[k] === 1;
  }
  const a0 = rk.start[a]!;
  const a1 = rk.start[a + 1]!;
  if (a0 === a1) return false;
  const b0 = rk.start[b]!;
  const b1 = rk.start[b + 1]!;
  for (let s = a0; s < a1; s++) {
    const k = rk.keys[s]!;
    if (k >= limit || rk.blockOk[k] !== 1) continue;
    for (let t = b0; t < b1; t++) if (rk.keys[t] === k) return true;
  }
  return false;
}

/** True when the rule of `rk` produced the pair: they share one of its generated blocks and pass its pair condition. */
export function ruleProduced(rowKeys: Int32Array, width: number, rk: RuleKeys, a: number, b: number): boolean {
  return sharesEarlierKey(rowKeys, width, rk, a, b, Number.MAX_SAFE_INTEGER) && (!rk.pairFilter || rk.pairFilter(a, b));
}
