import { existsSync, writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/*
 * Whole small files written on a worker thread while this thread goes on. The write stage creates
 * one revisit list per small area (3,480 files at a million persons), and creating a file on this
 * project's VM cost ~215 µs inside a run (the `openat` calls of a 1M run's revisit lists took 0.75 s
 * under strace, against 0.04–0.22 s for as many files made by a script alone). On the worker those
 * calls overlap this thread's encoding of persons.csv and findings.csv.
 */

/** A file for the worker: its path and its bytes (moved, not copied). */
export interface FileMessage {
  path: string;
  bytes: Uint8Array;
}
/** The end of the files: the worker answers with a FileWriterReply once all are written. */
export interface EndMessage {
  end: true;
}
/** null when every file was written, else what went wrong with the first that failed. */
export interface FileWriterReply {
  error: string | null;
}

const WORKER_URL = import.meta.url.endsWith('.js') && existsSync(new URL('./file-writer-worker.js', import.meta.url)) ? new URL('./file-writer-worker.js', import.meta.url) : null;

/** Writes files in the order given, on a worker thread when one can be started, else at once on this one. */
export class FileWriter {
  private readonly worker: Worker | null;
  private readonly finished: Promise<void>;

  /** True when the files go to a worker thread. */
  get onWorker(): boolean {
    return this.worker !== null;
  }

  /** `threaded`: false writes on this thread (also where the compiled worker module is missing, as under the tests' TypeScript). */
  constructor(threaded = true) {
    this.worker = threaded && WORKER_URL ? new Worker(WORKER_URL) : null;
    const worker = this.worker;
    if (!worker) {
      this.finished = Promise.resolve();
      return;
    }
    this.finished = new Promise<void>((resolve, reject) => {
      worker.once('message', (reply: FileWriterReply) => {
        void worker.terminate();
        if (reply.error === null) resolve();
        else reject(new Error(`writing a file failed: ${reply.error}`));
      });
      worker.once('error', (err) => reject(new Error(`the file writer failed: ${err.message}`)));
      worker.once('exit', (code) => reject(new Error(`the file writer stopped with code ${code} before it was done`)));
    });
    // a failure before finish() is awaited must not be an unhandled rejection; finish() reports it
    this.finished.catch(() => {});
  }

  /** Queues the file; `bytes` is copied (the caller may reuse its buffer at once). */
  write(path: string, bytes: Uint8Array): void {
    if (!this.worker) {
      writeFileSync(path, bytes);
      return;
    }
    const copy = bytes.slice();
    this.worker.postMessage({ path, bytes: copy } satisfies FileMessage, [copy.buffer as ArrayBuffer]);
  }

  /** Stops the worker without waiting for the files queued (the caller failed): a live worker would keep the process up. */
  abandon(): void {
    void this.worker?.terminate();
  }

  /** Resolves once every queued file is written; rejects naming the first file that could not be. */
  finish(): Promise<void> {
    this.worker?.postMessage({ end: true } satisfies EndMessage);
    return this.finished;
  }
}

/** Files written at once on the calling thread: for callers with nothing to overlap the writes with. */
export const ON_THIS_THREAD = new FileWriter(false);
