/*
 * Worker-thread entry: groups the blocks of the rules blockPairs hands it, in rule order. It works
 * out the keys of a rule with a key kernel itself; for the others it waits until the main thread
 * says their keys are there (a one-key rule's in the shared row table, a many-key rule's by message). Sends back each rule's pairs (those the veto, the rule's pair test and the
 * worker's earlier rules rule out left out) and its generated blocks. The main thread checks them
 * against its own rules and `keep` (block-pairs.ts).
 */
import { type MessagePort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import {
  kernelRows,
  type KeyRows,
  KEYS_READY,
  type KeysMessage,
  PairList,
  type RuleKeys,
  RuleRunner,
  sharesEarlierKey,
  vetoed,
  type WorkerInput,
  type WorkerResult,
  WORKER_TIMEOUT_MS,
} from './block-pairs.js';
import { PAIR_TESTS } from './array-kernels.js';

const { input, port, keysPort } = workerData as { input: WorkerInput; port: MessagePort; keysPort: MessagePort };
const { status } = input;
try {
  const { rowKeys, width, n, active, veto, maxBlockSize, rules } = input;
  const runner = new RuleRunner(n, width, rowKeys, active, maxBlockSize);
  const done: RuleKeys[] = [];
  const result: WorkerResult = { rules: [] };
  const transfer: ArrayBuffer[] = [];
  const pairs = new PairList();
  const received = new Map<number, KeyRows>();
  const rowsOf = (ruleIx: number): KeyRows => {
    while (!received.has(ruleIx)) {
      const message = receiveMessageOnPort(keysPort);
      if (!message) throw new Error(`the keys of rule ${ruleIx} did not come`);
      const { ruleIx: of, rows } = message.message as KeysMessage;
      received.set(of, rows);
    }
    const rows = received.get(ruleIx)!;
    received.delete(ruleIx);
    return rows;
  };
  for (const { ruleIx, many, keys, test, columns } of rules) {
    if (keys === null) {
      Atomics.wait(status, 1 + ruleIx, 0, WORKER_TIMEOUT_MS);
      const state = Atomics.load(status, 1 + ruleIx);
      if (state !== KEYS_READY) throw new Error(state === 0 ? `the keys of rule ${ruleIx} did not come in time` : 'stopped');
    }
    const pairTest = test === null ? undefined : PAIR_TESTS[test];
    const pairFilter = pairTest ? (a: number, b: number): boolean => pairTest(columns, a, b) : undefined;
    const rows = keys !== null ? kernelRows(keys, columns, n) : many ? rowsOf(ruleIx) : null;
    const { current, oversized } = runner.run(ruleIx, rows, pairFilter, (current, multi) => (a, b, k) => {
      if (pairFilter && !pairFilter(a, b)) return;
      if (multi && sharesEarlierKey(rowKeys, width, current, a, b, k)) return;
      if (vetoed(veto, a, b)) return;
      for (let d = 0; d < done.length; d++) {
        const rk = done[d]!;
        if (sharesEarlierKey(rowKeys, width, rk, a, b, Number.MAX_SAFE_INTEGER) && (!rk.pairFilter || rk.pairFilter(a, b))) return;
      }
      pairs.push(a, b);
    });
    done.push(current);
    const { l, r } = pairs.take();
    const multi = current.column < 0;
    transfer.push(l.buffer, r.buffer);
    if (multi) transfer.push(current.start.buffer as ArrayBuffer, current.keys.buffer as ArrayBuffer);
    result.rules[ruleIx] = { l, r, blockOk: current.blockOk, oversized, multi, start: current.start, keys: current.keys };
  }
  port.postMessage(result, transfer);
  Atomics.store(status, 0, 1);
} catch (err) {
  port.postMessage({ error: (err as Error).message });
  Atomics.store(status, 0, 2);
}
Atomics.notify(status, 0);
