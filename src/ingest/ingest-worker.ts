/*
 * Worker-thread entry: reads the sources it is sent, one at a time, and posts each back as an
 * encoded batch (see record-codec.ts); or hashes a file the main thread reads (a `hashOnly` job). Started
 * and fed by read-sources.ts.
 */
import { parentPort } from 'node:worker_threads';
import { sha256OfFile } from '../pipeline/hash-file.js';
import type { SourceConfig } from '../pipeline/pipeline-schema.js';
import { RecordEncoder, transferables } from './record-codec.js';
import { readSource } from './read-source.js';
import type { WorkerReply, WorkerJob } from './read-sources.js';

const port = parentPort!;
port.on('message', (job: WorkerJob) => {
  if (job.hashOnly) void hashOne(job.path, job.job);
  else void readOne(job.source, job.path, job.job);
});

async function hashOne(path: string, job: number): Promise<void> {
  try {
    const { sha256, bytes } = await sha256OfFile(path);
    port.postMessage({ type: 'hashed', job, sha256, bytes } satisfies WorkerReply);
  } catch (err) {
    port.postMessage({ type: 'failed', job, name: (err as Error).name, message: (err as Error).message } satisfies WorkerReply);
  }
}

async function readOne(source: SourceConfig, path: string, job: number): Promise<void> {
  const send = (reply: WorkerReply, transfer: ArrayBuffer[] = []): void => port.postMessage(reply, transfer);
  try {
    const t0 = performance.now();
    const encoder = new RecordEncoder();
    const { persons: _p, utilities: _u, ...rest } = await readSource(source, path, {
      onProgress: (rows, bytes) => send({ type: 'progress', job, rows, bytes }),
      sink: encoder,
    });
    const batch = encoder.finish();
    send({ type: 'done', job, result: rest, batch, seconds: (performance.now() - t0) / 1000 }, transferables(batch));
  } catch (err) {
    // The name lets the main thread raise a UsageError again (a header problem is the user's to fix).
    send({ type: 'failed', job, name: (err as Error).name, message: (err as Error).message });
  }
}
