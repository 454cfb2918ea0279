import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ingestThreads, readSources } from '../ingest/read-sources.js';
import { clearNormaliseCaches } from '../normalise/intern.js';
import { LINK_STEPS, link } from '../link/link.js';
import type { IngestResult, PersonRecord, Reject, SourceCounts } from '../model.js';
import { concatUtilityTables } from '../lib/utility-table.js';
import { reconcile } from '../reconcile/reconcile.js';
import { writeOutputs } from '../report/write-outputs.js';
import { checkInputs } from './check-inputs.js';
import { disablePretenuring } from './heap-flags.js';
import type { LoadedPipeline } from './load-pipeline.js';
import type { Progress } from './progress.js';
import { sha256 } from './hash-file.js';
import { TOOL_VERSION } from './tool-version.js';

export interface RunOptions {
  loaded: LoadedPipeline;
  /** Overrides the pipeline's output folder. */
  outDir?: string;
  progress: Progress;
  /** Clock, injectable for tests. */
  now?: () => Date;
  /** Threads that read sources (default: one per core, see ingestThreads); the outputs do not depend on it. */
  threads?: number;
}

export interface RunOutcome {
  exitCode: 0 | 1 | 3;
  runDir: string;
  /** Sources whose reject rate exceeded the pipeline's limit. */
  overRejectLimit: string[];
}

/**
 * Runs one nightly job: ingest → link → reconcile → write, into `<out>/<run_id>/`.
 * The folder is built as `<run_id>.partial` and renamed only when complete, so a
 * half-written run is never presented as done. Bad pipeline or inputs throw UsageError before anything is written.
 * Turns off V8's allocation-site pretenuring for the whole process (see heap-flags.ts).
 */
export async function runPipeline(options: RunOptions): Promise<RunOutcome> {
  const { loaded } = options;
  const { pipeline } = loaded;
  const now = options.now ?? (() => new Date());
  await checkInputs(loaded);
  // a process-wide V8 setting, made before anything is read (heap-flags.ts says why)
  disablePretenuring();

  const startedAt = now();
  const outRoot = options.outDir ?? loaded.outDir;
  const runId = await freeRunId(outRoot, startedAt);
  const finalDir = join(outRoot, runId);
  const workDir = `${finalDir}.partial`;
  await mkdir(workDir, { recursive: true });
  const logLines: string[] = [];
  const progress = keepLog(options.progress, logLines);
  const manifestBase = {
    tool: 'census-recon',
    tool_version: TOOL_VERSION,
    run_id: runId,
    pipeline: { path: loaded.file, name: pipeline.name, sha256: sha256(loaded.bytes) },
    inputs: [] as Array<{ source: string; kind: string; path: string; size: number; sha256: string; encoding: string }>,
    started_at: startedAt.toISOString(),
    /** Threads that read the sources (set once ingest has run). */
    ingest_threads: 1,
  };

  try {
    const timings: Record<string, number> = {};
    const timed = async <T>(stage: string, fn: () => Promise<T> | T): Promise<T> => {
      const t0 = performance.now();
      const value = await fn();
      timings[stage] = Math.round(performance.now() - t0) / 1000;
      return value;
    };

    const ingest = await timed('ingest', () => ingestAll(loaded, progress, manifestBase.inputs, options.threads));
    clearNormaliseCaches();
    manifestBase.ingest_threads = ingest.threads;
    // Normalising happens row by row inside ingest; report it as its own stage.
    const readSeconds = timings['ingest']!;
    timings['normalise'] = Math.round(readSeconds * ingest.normaliseShare * 1000) / 1000;
    timings['ingest'] = Math.round((readSeconds - timings['normalise']) * 1000) / 1000;
    const linkage = await timed('link', () => {
      progress.start('link', LINK_STEPS, 'candidate pairs');
      const result = link(ingest.persons, pipeline.linkage, (step, pairs) => progress.update(step, pairs));
      progress.end(`${ingest.persons.length} records → ${result.personIds.length} persons, ${result.review.length} pairs for review`);
      return result;
    });
    const findings = await timed('reconcile', () => {
      progress.start('reconcile');
      const result = reconcile({
        persons: ingest.persons,
        utilities: ingest.utilities,
        linkage,
        referenceDate: pipeline.reference_date,
        scopePrefix: pipeline.scope.area_prefix,
        occupancy: pipeline.findings.utility_occupancy,
        matchThreshold: pipeline.linkage.match_threshold,
      });
      progress.end(`${result.length} findings`);
      return result;
    });
    await timed('write', async () => {
      progress.start('write');
      await writeFile(join(workDir, 'model.json'), `${JSON.stringify(linkage.model, null, 2)}\n`);
      await writeOutputs(workDir, {
        pipelineName: pipeline.name,
        referenceDate: pipeline.reference_date,
        scopePrefix: pipeline.scope.area_prefix,
        maskIdNumbers: pipeline.output.mask_id_numbers,
        persons: ingest.persons,
        utilities: ingest.utilities,
        rejects: ingest.rejects,
        counts: ingest.counts,
        linkage,
        findings,
        timings,
        // a run told to read on one thread keeps to one thread here too
        threaded: ingest.threads > 1,
      });
      progress.end(`run folder written`);
    });

    const overRejectLimit = Object.entries(ingest.counts)
      .filter(([, c]) => c.read > 0 && c.rejected / c.read > pipeline.max_reject_rate)
      .map(([name]) => name);
    for (const name of overRejectLimit) {
      const c = ingest.counts[name]!;
      progress.log(`source "${name}" rejected ${c.rejected} of ${c.read} rows, above the limit of ${(pipeline.max_reject_rate * 100).toFixed(1)}%`);
    }
    const exitCode = overRejectLimit.length ? 3 : 0;
    await writeManifest(workDir, { ...manifestBase, finished_at: now().toISOString(), exit_status: exitCode, complete: true, timings });
    await writeFile(join(workDir, 'run.log'), logLines.join(''));
    await rename(workDir, finalDir);
    return { exitCode, runDir: finalDir, overRejectLimit };
  } catch (err) {
    // Leave the .partial folder, marked incomplete, for diagnosis; never a finished-looking run.
    await writeManifest(workDir, {
      ...manifestBase,
      finished_at: now().toISOString(),
      exit_status: 1,
      complete: false,
      error: (err as Error).name,
    }).catch(() => undefined);
    await writeFile(join(workDir, 'run.log'), logLines.join('')).catch(() => undefined);
    throw err;
  }
}

/**
 * Reads every source, several at once on as many threads as asked; records come out in pipeline
 * order whatever the thread count, and are renumbered to be dense across sources.
 */
async function ingestAll(
  loaded: LoadedPipeline,
  progress: Progress,
  inputs: Array<{ source: string; kind: string; path: string; size: number; sha256: string; encoding: string }>,
  requestedThreads: number | undefined,
): Promise<IngestResult & { normaliseShare: number; threads: number }> {
  const rejects: Reject[] = [];
  const counts: Record<string, SourceCounts> = {};
  const sources = loaded.pipeline.sources;
  const sizes = await Promise.all(loaded.sourcePaths.map(async (p) => (await stat(p)).size));
  const totalBytes = sizes.reduce((a, b) => a + b, 0);
  const rowsSoFar = new Array<number>(sources.length).fill(0);
  const bytesSoFar = new Array<number>(sources.length).fill(0);
  const sum = (a: number[]): number => a.reduce((x, y) => x + y, 0);
  progress.start('ingest', totalBytes, 'rows read');
  const jobs = sources.map((source, i) => ({ source, path: loaded.sourcePaths[i]!, size: sizes[i]! }));
  const threads = ingestThreads(requestedThreads, sources.map((s) => s.kind));
  const read = await readSources(jobs, threads, (job, rows, bytes) => {
    rowsSoFar[job] = rows;
    bytesSoFar[job] = bytes;
    progress.update(sum(bytesSoFar), sum(rowsSoFar));
  });
  let normaliseSeconds = 0;
  // one array of the run's records, allocated at its length (see ArrayBuilder on arrays grown by push)
  const persons = new Array<PersonRecord>(read.results.reduce((a, r) => a + r.persons.length, 0));
  let ix = 0;
  for (const [i, source] of sources.entries()) {
    const result = read.results[i]!;
    for (const p of result.persons) {
      p.ix = ix;
      persons[ix++] = p;
    }
    for (const r of result.rejects) rejects.push(r);
    counts[source.name] = result.counts;
    normaliseSeconds += result.normaliseSeconds;
    inputs.push({ source: source.name, kind: source.kind, path: jobs[i]!.path, size: sizes[i]!, sha256: result.sha256, encoding: result.encoding });
  }
  const utilities = concatUtilityTables(read.utilityTables);
  const rowsRead = Object.values(counts).reduce((a, c) => a + c.read, 0);
  progress.update(totalBytes, rowsRead);
  const threadNote = threads > 1 ? ` on ${threads} threads` : '';
  progress.end(
    `${rowsRead} rows read from ${sources.length} sources${threadNote}: ${persons.length + utilities.length} accepted, ${rejects.length} rejected`,
  );
  // With several threads the stage's wall time is shared out in proportion to the time the threads
  // spent normalising.
  const jobTotal = sum(read.jobSeconds);
  const normaliseShare = jobTotal > 0 ? Math.min(1, normaliseSeconds / jobTotal) : 0;
  return { persons, utilities, rejects, counts, normaliseShare, threads };
}

async function writeManifest(dir: string, manifest: object): Promise<void> {
  await writeFile(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** `YYYYMMDD-HHMMSS` (UTC), with a suffix when a run of the same second exists. */
async function freeRunId(outRoot: string, at: Date): Promise<string> {
  const base = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  for (let n = 0; ; n++) {
    const id = n === 0 ? base : `${base}-${n + 1}`;
    const taken = await Promise.all([exists(join(outRoot, id)), exists(join(outRoot, `${id}.partial`))]);
    if (!taken[0] && !taken[1]) return id;
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Tees the progress log lines into `lines` for the run folder's run.log. */
function keepLog(progress: Progress, lines: string[]): Progress {
  return {
    start: (stage, total, unit) => progress.start(stage, total, unit),
    update: (done, count) => progress.update(done, count),
    end: (summary) => {
      lines.push(`${new Date().toISOString()} ${summary}\n`);
      progress.end(summary);
    },
    log: (line) => {
      lines.push(`${new Date().toISOString()} ${line}\n`);
      progress.log(line);
    },
  };
}
