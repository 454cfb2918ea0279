// `npm run bench`: generates (once, cached outside the repo) counties of 100k, 300k and 1M persons,
// runs the whole pipeline on each in a fresh process, and prints input rows, wall time, rows per second,
// peak RSS, CPU time (and so how many cores were busy on average), time per stage and accuracy against
// the county's truth. Writes the same as JSON. Options: USAGE below (`npm run bench -- --help`).
// Three rounds by default: this machine runs the same work 20–50% slower in some spells, so each size's
// median run is reported (scripts/bench-rounds.js), its fastest and slowest beside it, and the growth
// ratio round by round as well.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { medianRun } from './bench-rounds.js';

const USAGE = `Usage: npm run bench [-- --sizes N[,N…]] [--repeat R] [--threads T]

Generates (once, cached outside the repo) counties of 100,000, 300,000 and 1,000,000 persons, runs the
whole pipeline on each in a fresh process and prints a table: input rows, wall time, rows per second,
peak RSS, CPU time, time per stage and accuracy; the same goes to a JSON file.

Options:
  --sizes N[,N…]   persons per county (default 100000,300000,1000000)
  --repeat R       R rounds of every size; each size's median run is reported, its fastest and slowest
                   shown too (default 3; of an even number, the slower middle run)
  --threads T      threads that read sources (as census-recon run --threads; default one per core)
  -h, --help       show this help
Environment: CENSUS_RECON_BENCH_CACHE=DIR  where generated counties are kept (default ~/.cache/census-recon-bench)
`;

/** Stops with the problem and exit status 2, before anything is generated or run. */
function usageError(message) {
  process.stderr.write(`bench: ${message}\n\n${USAGE}`);
  process.exit(2);
}

/** A whole number ≥ `min` given as text, or the usage error naming the option. */
function whole(text, option, min) {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < min) usageError(`${option} wants a whole number of at least ${min}, not "${text}"`);
  return n;
}

let options;
try {
  options = parseArgs({
    args: process.argv.slice(2),
    options: { sizes: { type: 'string' }, repeat: { type: 'string' }, threads: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
    allowPositionals: false,
  }).values;
} catch (err) {
  usageError(err.message);
}
if (options.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const sizes = (options.sizes ?? '100000,300000,1000000').split(',').map((s) => whole(s.trim(), '--sizes', 1000));
const threads = options.threads === undefined ? [] : [String(whole(options.threads, '--threads', 1))];
const repeat = options.repeat === undefined ? 3 : whole(options.repeat, '--repeat', 1);

// the build's module, imported once the arguments are known to be good (the tests run this script unbuilt)
const { heapLimitOption, relaunchEnvironment, RUN_NODE_OPTIONS } = await import('../dist/pipeline/heap-flags.js');
const root = fileURLToPath(new URL('..', import.meta.url));
const cache = process.env.CENSUS_RECON_BENCH_CACHE ?? join(homedir(), '.cache', 'census-recon-bench');
const seed = 2020;
// as `census-recon run` starts (bin/census-recon.js): 64 MiB semi-spaces, a heap limit sized to the
// machine and malloc's tunable for huge pages
const nodeOptions = [...RUN_NODE_OPTIONS, heapLimitOption(totalmem())];
const runEnv = relaunchEnvironment(['run'], process.env) ?? process.env;
mkdirSync(cache, { recursive: true });

function node(script, scriptArgs, nodeOptions = [], env = process.env) {
  const r = spawnSync(process.execPath, [...nodeOptions, script, ...scriptArgs], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26, env });
  if (r.status !== 0 && r.status !== 3) {
    process.stderr.write(r.stderr);
    throw new Error(`${script} ${scriptArgs.join(' ')} exited ${r.status}`);
  }
  return r.stdout;
}

function county(persons) {
  const dir = join(cache, `county-${persons}-seed-${seed}`);
  if (!existsSync(join(dir, '.complete'))) {
    rmSync(dir, { recursive: true, force: true });
    process.stderr.write(`generating a ${persons.toLocaleString('en')}-person county in ${dir} …\n`);
    node(join(root, 'bin/census-recon.js'), ['synth', '--persons', String(persons), '--seed', String(seed), '--out', dir]);
    writeFileSync(join(dir, '.complete'), '');
  }
  return dir;
}

// Rounds, not sizes, on the outside: with --repeat each round runs every size once, so the sizes
// compared in the growth ratio ran under the same machine conditions (a shared machine drifts by
// ±15% over minutes, which is the ratio's whole margin).
const dirs = new Map(sizes.map((persons) => [persons, county(persons)]));
const runsOf = new Map(sizes.map((persons) => [persons, []]));
for (const persons of sizes) rmSync(join(cache, 'runs', String(persons)), { recursive: true, force: true });
for (let k = 0; k < repeat; k++) {
  for (const persons of sizes) {
    // each run its own folder: the median one is evaluated afterwards, whichever it was
    const out = join(cache, 'runs', String(persons), String(k + 1));
    process.stderr.write(`running the pipeline on ${persons.toLocaleString('en')} persons${repeat > 1 ? ` (round ${k + 1} of ${repeat})` : ''} …`);
    const t0 = performance.now();
    // with the Node options `census-recon run` starts with
    const line = node(join(root, 'scripts/bench-run.js'), [join(dirs.get(persons), 'pipeline.json'), out, ...threads], nodeOptions, runEnv)
      .trim()
      .split('\n')
      .pop();
    const wall = (performance.now() - t0) / 1000;
    const run = JSON.parse(line);
    process.stderr.write(` ${run.seconds.toFixed(1)} s\n`);
    runsOf.get(persons).push({ ...run, wall });
  }
}

/** A run's CPU seconds, user and system. */
const cpuTotal = (cpu) => cpu.user + cpu.system;

const results = [];
for (const persons of sizes) {
  const dir = dirs.get(persons);
  const runs = runsOf.get(persons);
  const run = medianRun(runs);
  const evaluation = JSON.parse(node(join(root, 'bin/census-recon.js'), ['eval', run.runDir, join(dir, 'truth'), '--json']));
  results.push({
    persons,
    inputRows: run.rows,
    threads: run.threads,
    wallSeconds: Number(run.wall.toFixed(2)),
    // the median run's; every round's are in `rounds`, in the order they ran
    pipelineSeconds: run.seconds,
    fastestSeconds: Math.min(...runs.map((r) => r.seconds)),
    slowestSeconds: Math.max(...runs.map((r) => r.seconds)),
    rounds: runs.map((r) => ({ seconds: r.seconds, rows: r.rows, peakRssMiB: Math.round(r.maxRssKiB / 1024) })),
    rowsPerSecond: Math.round(run.rows / run.seconds),
    microsecondsPerRow: Number(((run.seconds * 1e6) / run.rows).toFixed(2)),
    peakRssMiB: Math.round(run.maxRssKiB / 1024),
    // user and system time of all the run's threads; over the run's seconds, the cores it kept busy
    cpuSeconds: run.cpuSeconds,
    coresBusy: Number((cpuTotal(run.cpuSeconds) / run.seconds).toFixed(2)),
    stages: run.timings,
    linkage: { precision: evaluation.linkage.precision, recall: evaluation.linkage.recall, f1: evaluation.linkage.f1 },
    findingsCombinedF1: evaluation.findings.combined.f1,
  });
}

const stageNames = [...new Set(results.flatMap((r) => Object.keys(r.stages)))];
const header = ['persons', 'input rows', repeat > 1 ? 'median run s' : 'run s', ...(repeat > 1 ? ['fastest s', 'slowest s'] : []), 'rows/s', 'µs/row', 'peak RSS MiB', 'CPU s', 'cores', ...stageNames.map((s) => `${s} s`), 'link F1', 'D+O+RA F1'];
const rows = results.map((r) => [
  r.persons.toLocaleString('en'),
  r.inputRows.toLocaleString('en'),
  r.pipelineSeconds.toFixed(1),
  ...(repeat > 1 ? [r.fastestSeconds.toFixed(1), r.slowestSeconds.toFixed(1)] : []),
  r.rowsPerSecond.toLocaleString('en'),
  r.microsecondsPerRow.toFixed(2),
  String(r.peakRssMiB),
  cpuTotal(r.cpuSeconds).toFixed(1),
  r.coresBusy.toFixed(2),
  ...stageNames.map((s) => (r.stages[s] ?? 0).toFixed(1)),
  r.linkage.f1.toFixed(4),
  r.findingsCombinedF1.toFixed(4),
]);
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const fmt = (cells) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
console.log(fmt(header));
for (const r of rows) console.log(fmt(r));
if (results.length > 1) {
  const first = results[0];
  const last = results[results.length - 1];
  const ratio = (a, b) => ((a.seconds / a.rows) / (b.seconds / b.rows)).toFixed(2);
  const rounds = repeat > 1 ? ` (median runs; round by round: ${last.rounds.map((r, k) => `${ratio(r, first.rounds[k])}×`).join(', ')})` : '';
  console.log(`time per row at ${last.persons.toLocaleString('en')} / at ${first.persons.toLocaleString('en')}: ${(last.microsecondsPerRow / first.microsecondsPerRow).toFixed(2)}×${rounds}`);
}
// The speed issue's targets, at a million persons: checked here so that nobody has to read them off the table.
const TARGET_PERSONS = 1_000_000;
const TARGET_SECONDS = 45;
const TARGET_RSS_MIB = 3 * 1024;
const TARGET_GROWTH = 1.25;
const GROWTH_BASE = 100_000;
const atTarget = results.find((r) => r.persons === TARGET_PERSONS);
const base = results.find((r) => r.persons === GROWTH_BASE);
let targets;
if (atTarget) {
  const verdict = (ok) => (ok ? 'met' : 'NOT met');
  const each = atTarget.rounds.map((r) => r.seconds);
  const highestRss = Math.max(...atTarget.rounds.map((r) => r.peakRssMiB));
  const within = each.filter((s) => s <= TARGET_SECONDS).length;
  const roundsNote = repeat > 1 ? ` median; rounds ${each.map((s) => s.toFixed(1)).join(', ')} s, ${within} of ${each.length} within` : '';
  const growth = base ? atTarget.microsecondsPerRow / base.microsecondsPerRow : undefined;
  targets = {
    seconds: { target: TARGET_SECONDS, value: atTarget.pipelineSeconds, rounds: each, roundsWithin: within, met: atTarget.pipelineSeconds <= TARGET_SECONDS },
    // memory is held to every round, not the median one
    peakRssMiB: { target: TARGET_RSS_MIB, value: highestRss, met: highestRss <= TARGET_RSS_MIB },
    ...(growth === undefined ? {} : { growth: { target: TARGET_GROWTH, value: Number(growth.toFixed(2)), met: growth <= TARGET_GROWTH } }),
  };
  console.log(`targets at ${TARGET_PERSONS.toLocaleString('en')} persons:`);
  console.log(`  whole run ≤ ${TARGET_SECONDS} s: ${verdict(targets.seconds.met)} (${atTarget.pipelineSeconds.toFixed(1)} s${roundsNote})`);
  console.log(`  peak RSS ≤ 3 GiB: ${verdict(targets.peakRssMiB.met)} (${highestRss.toLocaleString('en')} MiB${repeat > 1 ? ', the highest round' : ''})`);
  if (targets.growth) {
    console.log(`  time per row ≤ ${TARGET_GROWTH}× that at ${GROWTH_BASE.toLocaleString('en')}: ${verdict(targets.growth.met)} (${targets.growth.value.toFixed(2)}×)`);
  }
}
const jsonPath = join(cache, 'bench-results.json');
writeFileSync(
  jsonPath,
  `${JSON.stringify({ machine: { cpus: (await import('node:os')).cpus().length, node: process.version }, threads: results[0]?.threads, nodeOptions, repeat, results, targets }, null, 2)}\n`,
);
console.log(`JSON: ${jsonPath}`);
