import { Worker } from 'node:worker_threads';
import { UsageError } from '../cli/command.js';
import type { SourceConfig } from '../pipeline/pipeline-schema.js';
import { decodeRecords, type EncodedRecords } from './record-codec.js';
import { readSource, type SourceReadResult } from './read-source.js';

/*
 * Reads all sources of a run on several threads. Each source is read whole by one thread: the main
 * thread takes sources itself, and `threads - 1` worker threads take the others, biggest files first
 * so the threads finish together. Results come back in pipeline order whichever thread read them,
 * so the run's outputs do not depend on the thread count.
 */

export interface SourceJob {
  source: SourceConfig;
  path: string;
  size: number;
}

export interface WorkerJob {
  job: number;
  source: SourceConfig;
  path: string;
}

export type WorkerReply =
  | { type: 'progress'; job: number; rows: number; bytes: number }
  | { type: 'done'; job: number; result: Omit<SourceReadResult, 'persons' | 'utilities'>; batch: EncodedRecords; seconds: number }
  | { type: 'failed'; job: number; name: string; message: string };

export interface ReadSourcesResult {
  /** One result per job, in job order. */
  results: SourceReadResult[];
  /** Seconds each job took on its thread (reading, normalising and, in a worker, encoding). */
  jobSeconds: number[];
  /** Threads that read sources (1: everything on the main thread). */
  threads: number;
}

const WORKER_URL = new URL('./ingest-worker.js', import.meta.url);

/**
 * Threads to read with: as asked (default 1), at most one per source. Worker
 * threads need the compiled worker module, so code run from TypeScript sources reads on the main
 * thread only.
 *
 * One is the default because on the 2-core machine this was measured on, a second thread did not
 * pay: reading is bound by memory, not by the CPU, and most of normalising is first-sight work whose
 * caches belong to a thread. At 1M persons, two threads read in 47.4 s against 51.9 s on one, for
 * ~300 MiB more peak RSS; the register, read on the main thread after the census, took 19.1 s (most of
 * its names, IDs and addresses were already cached), and 34.0 s in a worker with empty caches.
 */
export function ingestThreads(requested: number | undefined, sources: number): number {
  if (!import.meta.url.endsWith('.js')) return 1;
  return Math.max(1, Math.min(requested ?? 1, sources));
}

/** Reads every job; `onProgress(job, rows, bytes)` reports each job's rows and bytes read so far. */
export async function readSources(
  jobs: readonly SourceJob[],
  threads: number,
  onProgress: (job: number, rows: number, bytes: number) => void,
): Promise<ReadSourcesResult> {
  const results: SourceReadResult[] = new Array(jobs.length);
  const jobSeconds: number[] = new Array(jobs.length).fill(0);
  // biggest first: the last job to start is a small one
  const queue = jobs.map((_, i) => i).sort((a, b) => jobs[b]!.size - jobs[a]!.size || a - b);
  let stopped = false;
  const next = (): number | undefined => (stopped ? undefined : queue.shift());
  const workers: Worker[] = [];

  const mainLane = async (): Promise<void> => {
    for (let j = next(); j !== undefined; j = next()) {
      const t0 = performance.now();
      const { source, path } = jobs[j]!;
      const job = j;
      results[j] = await readSource(source, path, { onProgress: (rows, bytes) => onProgress(job, rows, bytes) });
      jobSeconds[j] = (performance.now() - t0) / 1000;
    }
  };

  const workerLane = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(WORKER_URL);
      workers.push(worker);
      let current: number | undefined;
      let failed = false;
      const fail = (err: Error): void => {
        if (failed) return;
        failed = true;
        void worker.terminate();
        reject(err);
      };
      const feed = (): void => {
        current = next();
        if (current === undefined) {
          void worker.terminate().then(() => resolve());
          return;
        }
        const message: WorkerJob = { job: current, source: jobs[current]!.source, path: jobs[current]!.path };
        worker.postMessage(message);
      };
      worker.on('message', (reply: WorkerReply) => {
        if (reply.type === 'progress') onProgress(reply.job, reply.rows, reply.bytes);
        else if (reply.type === 'failed') {
          fail(reply.name === 'UsageError' ? new UsageError(reply.message) : new Error(`reading a source failed: ${reply.message}`));
        } else {
          results[reply.job] = { ...reply.result, ...decodeRecords(reply.batch) };
          jobSeconds[reply.job] = reply.seconds;
          feed();
        }
      });
      worker.on('error', fail);
      // a worker that dies mid-job (out of memory, say) must fail the run, not leave it waiting
      worker.on('exit', (code) => {
        if (current !== undefined) fail(new Error(`an ingest worker stopped with code ${code} while reading a source`));
      });
      feed();
    });

  const lanes = [mainLane(), ...Array.from({ length: threads - 1 }, workerLane)];
  try {
    await Promise.all(lanes);
  } catch (err) {
    // stop the other lanes: no new jobs, no live workers keeping the process up
    stopped = true;
    await Promise.all(workers.map((w) => w.terminate()));
    throw err;
  }
  return { results, jobSeconds, threads };
}
