import { totalmem } from 'node:os';
import { setFlagsFromString } from 'node:v8';

/**
 * Turns off V8's allocation-site pretenuring for this process (and the ingest workers it starts
 * afterwards: V8's flags are process-wide). Once most objects of an allocation site survive, V8
 * allocates that site's objects straight in the old generation (`--trace-pretenuring-statistics`
 * shows ingest's sites going "maybe tenure → tenure"). The record literal of `basePerson` took 4.8 s
 * of self time for 2 M records in a 1M profile with pretenuring, 0.37 s without. Our reading of why:
 * the old records then take young values field by field while the old generation grows fast enough
 * to keep the collector marking, and such stores are slow. At a million persons, two whole runs each
 * way, interleaved: 76.6 and 76.9 s without pretenuring against 92.4 and 98.7 s with it, every stage
 * faster (ingest 35.2–35.9 s against 39.9–41.1 s, reconcile 8.3–9.6 s against 12.8–13.5 s), the same
 * outputs byte for byte. Reading the census and register alone: 27.1–28.5 s against 31.2–35.0 s.
 * The flag is read when V8 next decides a site, so setting it at run time, before anything is read,
 * works; setting it again is harmless.
 */
export function disablePretenuring(): void {
  setFlagsFromString('--no-allocation-site-pretenuring');
}

/**
 * Node options a `run` process starts with: a young generation of 64 MiB semi-spaces instead of the
 * default 16 MiB. With pretenuring off (above), ingest's records are born young and copied out by
 * scavenges, and a larger young generation takes them in fewer, cheaper scavenges: reading the 1M
 * census and register scavenged 125 times for 5.1 s instead of 501 times for 6.6 s. Whole 1M runs,
 * four interleaved pairs: 67.1, 71.0, 77.0 and 87.2 s against 73.6, 75.1, 77.4 and 89.2 s (faster in
 * every pair, by 0.4–6.5 s; this machine's noise is as large), for ~70 MiB more peak RSS (~155 MiB at
 * 100k). Semi-space sizes are fixed when V8 starts, so the launcher (`bin/census-recon.js`) starts `run`
 * in a child process with them.
 */
export const RUN_NODE_OPTIONS: readonly string[] = ['--max-semi-space-size=64', '--min-semi-space-size=64'];

/**
 * The glibc tunable a `run` process starts with: malloc asks the kernel for transparent huge pages
 * (madvise MADV_HUGEPAGE) for the memory it maps. Where THP is in `madvise` mode, as on the machine
 * this was measured on, an anonymous mapping is otherwise faulted in 4 KiB at a time, and on that
 * virtual machine each fault cost 12–16 µs. Node's typed arrays (the link stage's tables, the
 * utilities' columns, the ingest worker's batches) live in malloc'd memory; V8's own heap does not and
 * is not affected. At a million persons, two interleaved pairs of whole runs: 49.6 and 44.9 s with it
 * against 61.1 and 49.6 s without; 534k page faults against 735k, the same peak RSS (1.98 GiB against
 * 1.97) and the same outputs. Where THP is `always` or `never`, or the C library is not glibc, the
 * tunable does nothing. It is read when a process starts, so the launcher sets it for the child.
 */
export const RUN_GLIBC_TUNABLE = 'glibc.malloc.hugetlb=1';

/**
 * The environment to start a `run` child with: `env` with RUN_GLIBC_TUNABLE added to GLIBC_TUNABLES,
 * or null when it needs none (not `run`, not Linux, or the tunable already set, to whatever value the
 * user chose).
 */
export function relaunchEnvironment(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  platform: string = process.platform,
): Record<string, string | undefined> | null {
  if (argv[0] !== 'run' || platform !== 'linux') return null;
  const given = env.GLIBC_TUNABLES ?? '';
  const name = RUN_GLIBC_TUNABLE.slice(0, RUN_GLIBC_TUNABLE.indexOf('='));
  if (given.split(':').some((t) => t.startsWith(`${name}=`))) return null;
  return { ...env, GLIBC_TUNABLES: given === '' ? RUN_GLIBC_TUNABLE : `${given}:${RUN_GLIBC_TUNABLE}` };
}

/**
 * V8's own old-generation limit is about 4 GiB whatever the machine has, and a run needs about 2 GiB
 * per million persons: a generated county of two million persons peaked at 3.9 GiB of RSS under that
 * limit, so a bigger county or a prefecture could not use the memory its machine has. A run may grow
 * its heap to this share of the machine's memory (never below V8's default); the rest is for the
 * off-heap arrays of linkage, the ingest worker and the system.
 */
export const HEAP_SHARE_OF_MEMORY = 0.7;
/** V8's default limit on 64-bit machines, MiB: a small machine is not given less than it would have had. */
const DEFAULT_HEAP_MIB = 4096;

const HEAP_LIMIT = '--max-old-space-size';

/** `--max-old-space-size` for a machine with `totalMemoryBytes` of memory. */
export function heapLimitOption(totalMemoryBytes: number): string {
  const mib = Math.max(DEFAULT_HEAP_MIB, Math.floor((totalMemoryBytes * HEAP_SHARE_OF_MEMORY) / 2 ** 20));
  return `${HEAP_LIMIT}=${mib}`;
}

/** The options given to this Node: its command line, then NODE_OPTIONS (each spelled `--name=value` or `--name`). */
function givenOptions(execArgv: readonly string[], nodeOptions: string): string[] {
  return [...execArgv, ...nodeOptions.split(/\s+/).filter((o) => o !== '')];
}

/**
 * The value of option `name` (`--max-old-space-size`) among `options`: the last one given, as Node
 * takes it ('' when given without a value), or undefined when not given. V8 takes either spelling of
 * a name, '-' or '_'.
 */
function optionValue(options: readonly string[], name: string): string | undefined {
  let value: string | undefined;
  for (const option of options) {
    const spelled = option.replaceAll('_', '-');
    if (spelled === name) value = '';
    else if (spelled.startsWith(`${name}=`)) value = option.slice(name.length + 1);
  }
  return value;
}

/**
 * The Node options each command that holds a whole county in memory wants, or null for the others:
 * `run` the tuned young generation and a heap limit; `eval` (the run's and the truth's persons.csv,
 * ten million rows each for a county of five million, ran out of V8's default 4 GiB) the heap limit.
 */
function optionsFor(command: string | undefined, totalMemoryBytes: number): string[] | null {
  if (command === 'run') return [...RUN_NODE_OPTIONS, heapLimitOption(totalMemoryBytes)];
  if (command === 'eval') return [heapLimitOption(totalMemoryBytes)];
  return null;
}

/**
 * The Node options to start a child process with for `argv` (the CLI's arguments), or null when the
 * command needs none (optionsFor) or this process already has each of them. The user's own value of
 * an option is kept, whether given on the command line or in NODE_OPTIONS.
 */
export function relaunchOptions(
  execArgv: readonly string[],
  argv: readonly string[],
  totalMemoryBytes: number = totalmem(),
  nodeOptions: string = process.env.NODE_OPTIONS ?? '',
): string[] | null {
  const wanted = optionsFor(argv[0], totalMemoryBytes);
  if (wanted === null) return null;
  const given = givenOptions(execArgv, nodeOptions);
  const missing = wanted.filter((option) => optionValue(given, option.slice(0, option.indexOf('='))) === undefined);
  return missing.length === 0 ? null : [...execArgv, ...missing];
}

/** What died, and what it needs, in runDeathHint's words. */
const DEATH_WORDS = {
  run: { what: 'the run', need: 'A run needs about 2 GiB of memory per million persons (README, speed section)' },
  eval: { what: 'scoring', need: "Scoring holds the run's and the truth's persons.csv in memory" },
};

/**
 * What to tell the user when a `run` or `eval` child (`command`) died of `signal`, or null for other
 * signals. V8 aborts (SIGABRT) when the heap reaches its limit, printing only "JavaScript heap out of
 * memory" and a stack dump, and the system's out-of-memory killer sends SIGKILL, printing nothing.
 */
export function runDeathHint(
  signal: string,
  childExecArgv: readonly string[],
  nodeOptions: string = process.env.NODE_OPTIONS ?? '',
  command: string = 'run',
): string | null {
  // Node reads NODE_OPTIONS before the command line, and of two values of a flag the last one holds
  const limit = optionValue(childExecArgv, HEAP_LIMIT) || optionValue(givenOptions([], nodeOptions), HEAP_LIMIT);
  const { what, need } = command === 'eval' ? DEATH_WORDS.eval : DEATH_WORDS.run;
  const advice = `${need}: run it on a machine with more memory, or set the heap limit yourself with NODE_OPTIONS=--max-old-space-size=<MiB>.`;
  if (signal === 'SIGABRT') {
    return `census-recon ${command}: ${what} was aborted, most often because its heap reached its limit${limit ? ` of ${limit} MiB` : ''} ("heap out of memory" above). ${advice}`;
  }
  if (signal === 'SIGKILL') return `census-recon ${command}: ${what} was killed by the system, most often because the machine ran out of memory. ${advice}`;
  return null;
}
