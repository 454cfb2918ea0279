// One benchmark run in its own process (so peak RSS is this run's): prints one JSON line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPipeline } from '../dist/pipeline/load-pipeline.js';
import { silentProgress } from '../dist/pipeline/progress.js';
import { runPipeline } from '../dist/pipeline/run-pipeline.js';

const [pipelinePath, outDir, threads] = process.argv.slice(2);
const t0 = performance.now();
// CPU time of the whole process, every thread (the ingest worker's and V8's collector helpers' too)
const cpu0 = process.cpuUsage();
const outcome = await runPipeline({
  loaded: await loadPipeline(pipelinePath),
  outDir,
  progress: silentProgress,
  threads: threads === undefined ? undefined : Number(threads),
});
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const summary = JSON.parse(readFileSync(join(outcome.runDir, 'summary.json'), 'utf8'));
// The manifest's timings include the write stage (summary.json is itself written during it).
const manifest = JSON.parse(readFileSync(join(outcome.runDir, 'manifest.json'), 'utf8'));
const rows = Object.values(summary.sources).reduce((a, c) => a + c.read, 0);
console.log(
  JSON.stringify({
    runDir: outcome.runDir,
    exitCode: outcome.exitCode,
    seconds: Number(seconds.toFixed(2)),
    rows,
    timings: manifest.timings,
    cpuSeconds: { user: Number((cpu.user / 1e6).toFixed(2)), system: Number((cpu.system / 1e6).toFixed(2)) },
    maxRssKiB: process.resourceUsage().maxRSS,
    threads: manifest.ingest_threads,
  }),
);
