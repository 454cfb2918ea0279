import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { UsageError } from '../cli/command.js';
import type { SourceConfig } from '../pipeline/pipeline-schema.js';
import type { UtilityTable } from '../model.js';
import { utilityTableOf } from '../lib/utility-table.js';
import { decodeRecords, utilityTableOfBatch, type EncodedRecords } from './record-codec.js';
import { readSource, type SourceReadResult } from './read-source.js';

/*
 * Reads all sources of a run on several threads. Each source is read whole by one thread: the main
 * thread takes the census and register sources, and `threads - 1` worker threads take the others,
 * biggest files first (planLanes). Results come back in pipeline order whichever thread read them,
 * so the run's outputs do not depend on the thread count. A worker with no more sources to read
 * hashes the files the main thread reads, for the manifest.
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
  /** Only hash the file (its SHA-256 for the manifest): the main thread reads it. */
  hashOnly?: boolean;
}

export type WorkerReply =
  | { type: 'progress'; job: number; rows: number; bytes: number }
  | { type: 'hashed'; job: number; sha256: string; bytes: number }
  | { type: 'done'; job: number; result: Omit<SourceReadResult, 'persons' | 'utilities'>; batch: EncodedRecords; seconds: number }
  | { type: 'failed'; job: number; name: string; message: string };

export interface ReadSourcesResult {
  /** One result per job, in job order; its utilities are in `utilityTables` instead (its array is empty). */
  results: SourceReadResult[];
  /** Each job's utilities rows as columns (see UtilityTable), in job order. */
  utilityTables: UtilityTable[];
  /** Seconds each job took on its thread (reading, normalising and, in a worker, encoding). */
  jobSeconds: number[];
  /** Threads that read sources (1: everything on the main thread). */
  threads: number;
}

const WORKER_URL = new URL('./ingest-worker.js', import.meta.url);

/** Sources of people (every kind but utilities) share the normalise caches: read one after the other on the main thread (planLanes). */
const ofPeople = (kind: string): boolean => kind !== 'utilities';

/**
 * Threads to read with: as asked, else one per core; never more than can be kept busy (one per
 * source, the sources of people counting as one since they are read on one thread, see planLanes).
 * Worker threads need the compiled worker module, so code run from TypeScript sources reads on the
 * main thread only.
 *
 * On the 2-core machine this was measured on, two threads read a million persons' sources in
 * 41.7–44.3 s against 48.2–48.9 s on one (two whole runs each way, outputs byte-identical), for
 * ~160 MiB more peak RSS. Reading is bound by memory more than by the CPU, so the second thread buys
 * less than its share.
 */
export function ingestThreads(requested: number | undefined, kinds: readonly string[]): number {
  if (!import.meta.url.endsWith('.js')) return 1;
  // one lane for all the sources of people, one for each other source
  const shared = kinds.filter(ofPeople).length;
  const lanes = kinds.length - Math.max(0, shared - 1);
  return Math.max(1, Math.min(requested ?? availableParallelism(), lanes));
}

/**
 * Which jobs go where. On one thread: every job, biggest first. On several: the main thread reads the
 * sources of people, biggest first, one after the other, since each finds most of its names, ID numbers
 * and addresses already worked out in the caches of those before it (which belong to a thread), and
 * their records need no copying back; the other threads take the utilities sources, biggest first,
 * and so does the main thread once its own are read. A worker never takes a census or register
 * source: with empty caches the register took 34.0 s in a worker against 19.1 s on the main thread
 * after the census, at a million persons. (With pretenuring off the empty caches cost less, 14.0 s
 * against 12.3 s, but encoding its 954k records in the worker took 5.6–7.6 s and decoding them ~2 s,
 * and with the register and utilities in the worker ingest was no faster: README.) Nor schooling or
 * births: at a million persons a worker took 3.2–4.6 s and 1.0–1.7 s for them, with empty caches,
 * against 1.1–1.7 s and 0.3–0.5 s on the main thread after the register, and whatever a worker does while
 * the main thread reads slows the main thread (README).
 */
export function planLanes(jobs: readonly SourceJob[], threads: number): { mainFirst: number[]; queue: number[] } {
  // biggest first: the last job to start is a small one
  const bySize = jobs.map((_, i) => i).sort((a, b) => jobs[b]!.size - jobs[a]!.size || a - b);
  if (threads <= 1) return { mainFirst: [], queue: bySize };
  const shared = (j: number): boolean => ofPeople(jobs[j]!.source.kind);
  return { mainFirst: bySize.filter(shared), queue: bySize.filter((j) => !shared(j)) };
}

/** Reads every job; `onProgress(job, rows, bytes)` reports each job's rows and bytes read so far. */
export async function readSources(
  jobs: readonly SourceJob[],
  threads: number,
  onProgress: (job: number, rows: number, bytes: number) => void,
): Promise<ReadSourcesResult> {
  const results: SourceReadResult[] = new Array(jobs.length);
  const utilityTables: UtilityTable[] = new Array(jobs.length);
  const jobSeconds: number[] = new Array(jobs.length).fill(0);
  const { mainFirst, queue } = planLanes(jobs, threads);
  // The files the main thread reads are hashed by a worker once it has read its own: SHA-256 of the
  // census and register took ~0.5 s of the main thread at a million persons, while the worker sat idle.
  const hashQueue = threads > 1 ? [...mainFirst] : [];
  const hashedElsewhere = new Set(hashQueue);
  const hashed = new Map<number, { sha256: string; bytes: number }>();
  let stopped = false;
  type Task = { job: number; hashOnly: boolean };
  const next = (): Task | undefined => {
    if (stopped) return undefined;
    const read = queue.shift();
    if (read !== undefined) return { job: read, hashOnly: false };
    const hash = hashQueue.shift();
    return hash === undefined ? undefined : { job: hash, hashOnly: true };
  };
  const nextOnMain = (): number | undefined => (stopped ? undefined : (mainFirst.shift() ?? queue.shift()));
  const workers: Worker[] = [];

  const mainLane = async (): Promise<void> => {
    for (let j = nextOnMain(); j !== undefined; j = nextOnMain()) {
      const t0 = performance.now();
      const { source, path } = jobs[j]!;
      const job = j;
      const result = await readSource(source, path, {
        onProgress: (rows, bytes) => onProgress(job, rows, bytes),
        hash: !hashedElsewhere.has(j),
      });
      utilityTables[j] = utilityTableOf(result.utilities);
      results[j] = { ...result, utilities: [] };
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
        const task = next();
        current = task?.job;
        if (task === undefined) {
          void worker.terminate().then(() => resolve());
          return;
        }
        const message: WorkerJob = { job: task.job, source: jobs[task.job]!.source, path: jobs[task.job]!.path, hashOnly: task.hashOnly };
        worker.postMessage(message);
      };
      worker.on('message', (reply: WorkerReply) => {
        if (reply.type === 'progress') onProgress(reply.job, reply.rows, reply.bytes);
        else if (reply.type === 'hashed') {
          hashed.set(reply.job, { sha256: reply.sha256, bytes: reply.bytes });
          feed();
        } else if (reply.type === 'failed') {
          fail(reply.name === 'UsageError' ? new UsageError(reply.message) : new Error(`reading a source failed: ${reply.message}`));
        } else {
          // utilities stay columns: only the person records become objects on this thread
          utilityTables[reply.job] = utilityTableOfBatch(reply.batch);
          results[reply.job] = { ...reply.result, ...decodeRecords({ ...reply.batch, utilities: NO_ROWS }) };
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
  for (const j of hashedElsewhere) {
    const hash = hashed.get(j)!;
    const result = results[j]!;
    // the manifest's hash must be of the bytes that were read
    if (hash.bytes !== result.bytes) {
      throw new Error(`source "${jobs[j]!.source.name}" changed while it was read: ${result.bytes} bytes read, ${hash.bytes} hashed`);
    }
    results[j] = { ...result, sha256: hash.sha256 };
  }
  return { results, utilityTables, jobSeconds, threads };
}

const NO_ROWS = new Int32Array(0);
