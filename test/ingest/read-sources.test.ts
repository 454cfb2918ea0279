import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDirs } from '../helpers/temp-dirs.js';
import type { LoadedPipeline } from '../../src/pipeline/load-pipeline.js';
import type { Progress } from '../../src/pipeline/progress.js';
import type { RunOptions, RunOutcome } from '../../src/pipeline/run-pipeline.js';

/*
 * Worker threads run compiled JavaScript, so this test compiles the project (into .test-build,
 * beside node_modules so the packages resolve) and runs the demo county on one thread and on two: the run
 * folders must be the same byte for byte, apart from the manifest and the timings.
 */
const BUILD = resolve('.test-build');
const tempDir = tempDirs('census-recon-threads-');
let runPipeline: (options: RunOptions) => Promise<RunOutcome>;
let loadPipeline: (path: string) => Promise<LoadedPipeline>;
let silentProgress: Progress;

beforeAll(async () => {
  execFileSync(process.execPath, [resolve('node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--outDir', BUILD, '--sourceMap', 'false']);
  const load = async <T>(path: string): Promise<T> => (await import(pathToFileURL(join(BUILD, path)).href)) as T;
  ({ runPipeline } = await load<{ runPipeline: typeof runPipeline }>('pipeline/run-pipeline.js'));
  ({ loadPipeline } = await load<{ loadPipeline: typeof loadPipeline }>('pipeline/load-pipeline.js'));
  ({ silentProgress } = await load<{ silentProgress: Progress }>('pipeline/progress.js'));
}, 120_000);

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

describe('reading sources on several threads', () => {
  it('gives the same run folder as one thread', async () => {
    const loaded = await loadPipeline('pipelines/demo.json');
    const out = tempDir();
    const one = await runPipeline({ loaded, outDir: join(out, 'one'), progress: silentProgress, threads: 1 });
    const two = await runPipeline({ loaded, outDir: join(out, 'two'), progress: silentProgress, threads: 2 });
    const manifest = (dir: string) =>
      JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { ingest_threads: number; inputs: Array<{ path: string; sha256: string }> };
    expect(manifest(one.runDir).ingest_threads).toBe(1);
    expect(manifest(two.runDir).ingest_threads).toBe(2);
    // on two threads a worker hashes the files the main thread reads: the same hashes, of the files' bytes
    expect(manifest(two.runDir).inputs).toEqual(manifest(one.runDir).inputs);
    for (const input of manifest(two.runDir).inputs) {
      expect(input.sha256).toBe(createHash('sha256').update(readFileSync(input.path)).digest('hex'));
    }
    expect(files(two.runDir)).toEqual(files(one.runDir));
    for (const f of files(one.runDir)) {
      if (f === 'manifest.json' || f === 'run.log') continue;
      let left = readFileSync(join(one.runDir, f), 'utf8');
      let right = readFileSync(join(two.runDir, f), 'utf8');
      if (f === 'summary.json') {
        const strip = (s: string) => JSON.stringify({ ...JSON.parse(s), timings: null });
        left = strip(left);
        right = strip(right);
      }
      expect(right, f).toBe(left);
    }
  }, 120_000);

  it('fails with the reason when a worker cannot read its source', async () => {
    const { readSources } = (await import(pathToFileURL(join(BUILD, 'ingest/read-sources.js')).href)) as {
      readSources: (jobs: Array<{ source: unknown; path: string; size: number }>, threads: number, onProgress: () => void) => Promise<unknown>;
    };
    const loaded = await loadPipeline('pipelines/demo.json');
    const census = loaded.pipeline.sources.findIndex((s) => s.kind === 'enumeration');
    const utilities = loaded.pipeline.sources.findIndex((s) => s.kind === 'utilities');
    // the main thread takes the census; the worker gets the utilities file, which is not there
    const jobs = [
      { source: loaded.pipeline.sources[census], path: loaded.sourcePaths[census]!, size: 2 },
      { source: loaded.pipeline.sources[utilities], path: join(tmpdir(), 'census-recon-no-such-file.csv'), size: 1 },
    ];
    await expect(readSources(jobs, 2, () => {})).rejects.toThrow(/reading a source failed: ENOENT/);
  }, 60_000);

  it('reads on one thread per core unless asked, on no more threads than can be kept busy', async () => {
    const { ingestThreads } = (await import(pathToFileURL(join(BUILD, 'ingest/read-sources.js')).href)) as {
      ingestThreads: (requested: number | undefined, kinds: readonly string[]) => number;
    };
    const all = ['enumeration', 'register', 'births', 'schooling', 'utilities', 'deaths'];
    // the sources of people are read on one thread: six sources keep two busy
    expect(ingestThreads(8, all)).toBe(2);
    expect(ingestThreads(2, all)).toBe(2);
    expect(ingestThreads(1, all)).toBe(1);
    expect(ingestThreads(undefined, all)).toBe(Math.min(availableParallelism(), 2));
    expect(ingestThreads(4, ['enumeration', 'register'])).toBe(1);
    expect(ingestThreads(4, ['births', 'utilities'])).toBe(2);
    expect(ingestThreads(4, ['enumeration', 'utilities', 'utilities'])).toBe(3);
  });

  it('reads the sources of people on the main thread and the utilities on the others, biggest first', async () => {
    const { planLanes } = (await import(pathToFileURL(join(BUILD, 'ingest/read-sources.js')).href)) as {
      planLanes: (jobs: Array<{ source: { kind: string }; path: string; size: number }>, threads: number) => { mainFirst: number[]; queue: number[] };
    };
    const job = (kind: string, size: number) => ({ source: { kind }, path: '', size });
    const jobs = [job('enumeration', 140), job('register', 120), job('births', 5), job('schooling', 15), job('utilities', 100), job('deaths', 1)];
    expect(planLanes(jobs, 1)).toEqual({ mainFirst: [], queue: [0, 1, 4, 3, 2, 5] });
    expect(planLanes(jobs, 2)).toEqual({ mainFirst: [0, 1, 3, 2, 5], queue: [4] });
  });
});
