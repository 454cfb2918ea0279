#!/usr/bin/env node
// Thin launcher for the compiled CLI (run `npm run build` first). `run` and `eval` go on in a child
// process started with the Node options and environment they are tuned for (src/pipeline/heap-flags.ts),
// among them a heap limit sized to the machine; the child's exit status is this process's, signals sent to
// this process are passed on, and a child killed for lack of memory is explained.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';
import { relaunchEnvironment, relaunchOptions, runDeathHint } from '../dist/pipeline/heap-flags.js';

const argv = process.argv.slice(2);
// Node options, and a glibc tunable read only when a process starts (heap-flags.ts)
const tuned = relaunchOptions(process.execArgv, argv);
const env = relaunchEnvironment(argv, process.env);
if (tuned || env) {
  const options = tuned ?? process.execArgv;
  const child = spawn(process.execPath, [...options, fileURLToPath(import.meta.url), ...argv], { stdio: 'inherit', env: env ?? process.env });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    // a run (or eval) that ran out of memory says so in plain words, not only in V8's stack dump
    const hint = signal ? runDeathHint(signal, options, undefined, argv[0]) : null;
    if (hint) process.stderr.write(`${hint}\n`);
    process.exitCode = code ?? 128 + (constants.signals[signal] ?? 0);
  });
} else {
  // loaded only here: a parent that just waits for its child need not load the whole program
  const { main } = await import('../dist/cli/main.js');
  process.exitCode = await main(argv);
}
