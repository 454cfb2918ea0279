/*
 * Worker-thread entry: groups the blocks of the one-key rules blockPairs hands it, on the shared
 * row table of keys, and sends back each rule's pairs (those the veto rules out left out) and
 * generated blocks. The main thread checks them against its own rules and `keep` (block-pairs.ts).
 */
import { type MessagePort, workerData } from 'node:worker_threads';
import { grow, type RuleKeys, RuleRunner, sharesEarlierKey, vetoed, type WorkerInput, type WorkerResult } from './block-pairs.js';

const { input, port } = workerData as { input: WorkerInput; port: MessagePort };
const { status } = input;
try {
  const { rowKeys, width, n, active, veto, maxBlockSize, ruleIxs } = input;
  const runner = new RuleRunner(n, width, rowKeys, active, maxBlockSize);
  const done: RuleKeys[] = [];
  const result: WorkerResult = { rules: [] };
  const transfer: ArrayBuffer[] = [];
  let l = new Int32Array(1 << 16);
  let r = new Int32Array(1 << 16);
  for (const ruleIx of ruleIxs) {
    let count = 0;
    const { current, oversized } = runner.run(ruleIx, null, null, undefined, () => (a, b) => {
      if (vetoed(veto, a, b)) return;
      for (let d = 0; d < done.length; d++) if (sharesEarlierKey(rowKeys, width, done[d]!, a, b, Number.MAX_SAFE_INTEGER)) return;
      if (count === l.length) {
        l = grow(l, count);
        r = grow(r, count);
      }
      l[count] = a;
      r[count++] = b;
    });
    done.push(current);
    const out = { l: l.slice(0, count), r: r.slice(0, count), blockOk: current.blockOk, oversized };
    transfer.push(out.l.buffer, out.r.buffer);
    result.rules[ruleIx] = out;
  }
  port.postMessage(result, transfer);
  Atomics.store(status, 0, 1);
} catch (err) {
  port.postMessage({ error: (err as Error).message });
  Atomics.store(status, 0, 2);
}
Atomics.notify(status, 0);
