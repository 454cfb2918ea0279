/*
 * Worker-thread entry: groups the blocks of the rules blockPairs hands it, in rule order. It works
 * out the keys of a rule with a key kernel itself; for the others it waits until the main thread
 * says their keys are there (a one-key rule's in the shared row table, a many-key rule's by message).
 * It posts each rule's pairs as soon as the rule is done (leaving out those the veto, the rule's pair
 * test and the worker's earlier rules rule out), with its generated blocks; the main thread checks
 * them against its own rules and `keep` while the worker goes on (block-pairs.ts).
 */
import { type MessagePort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import {
  type EndMessage,
  kernelRows,
  type KeyRows,
  KEYS_READY,
  type KeysMessage,
  PairList,
  type RuleKeys,
  RuleRunner,
  ruleProduced,
  vetoed,
  type WorkerInput,
  type WorkerMessage,
  WORKER_TIMEOUT_MS,
} from './block-pairs.js';
import { PAIR_TESTS } from './array-kernels.js';

const { input, port, keysPort } = workerData as { input: WorkerInput; port: MessagePort; keysPort: MessagePort };
const { status } = input;
/** Posts a message, then counts it and wakes the main thread (which waits on the count). */
const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []): void => {
  port.postMessage(message, transfer);
  Atomics.add(status, 0, 1);
  Atomics.notify(status, 0);
};
try {
  const { rowKeys, width, n, active, veto, maxBlockSize, rules } = input;
  const runner = new RuleRunner(n, width, rowKeys, active, maxBlockSize);
  const done: RuleKeys[] = [];
  const end: EndMessage = { kind: 'end', rows: [] };
  const endTransfer: ArrayBuffer[] = [];
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
    const { current, oversized } = runner.run(ruleIx, rows, pairFilter, (a, b) => {
      if (vetoed(veto, a, b)) return;
      for (let d = 0; d < done.length; d++) if (ruleProduced(rowKeys, width, done[d]!, a, b)) return;
      pairs.push(a, b);
    });
    done.push(current);
    const { l, r } = pairs.take();
    const multi = current.column < 0;
    // this rule's blocks stay here for the later rules' checks: the main thread gets a copy of blockOk,
    // and a many-key rule's block ids at the end
    post({ kind: 'rule', ruleIx, l, r, blockOk: current.blockOk.slice(), oversized, multi }, [l.buffer, r.buffer]);
    if (multi && input.sendBlockIds) {
      end.rows[ruleIx] = { start: current.start, keys: current.keys, blockOk: current.blockOk };
      endTransfer.push(current.start.buffer as ArrayBuffer, current.keys.buffer as ArrayBuffer, current.blockOk.buffer as ArrayBuffer);
    }
  }
  post(end, endTransfer);
} catch (err) {
  post({ kind: 'error', error: (err as Error).message });
}
