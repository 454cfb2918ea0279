import { isAbsolute, relative } from 'node:path';
import { loadPipeline } from '../../pipeline/load-pipeline.js';
import { createProgress } from '../../pipeline/progress.js';
import { runPipeline } from '../../pipeline/run-pipeline.js';
import { UsageError, type Command } from '../command.js';
import { parseArgs } from '../parse-args.js';

export const runCommand: Command = {
  name: 'run',
  summary: 'run a pipeline: read the sources, link, reconcile and write a run folder',
  usage: `Usage: census-recon run PIPELINE [--out DIR] [--threads N]

Runs the nightly job described by PIPELINE (a .json or .yaml pipeline file) and
writes one run folder <out>/<run_id>/ with findings.csv, persons.csv, review.csv,
rejects.csv, revisit/<area_code>.csv, summary.json, report.html, manifest.json.

Options:
  --out DIR     write the run folder under DIR instead of the pipeline's output.dir
  --threads N   threads that read and normalise sources at once (default: one per
                core; the sources of people share one thread, each utilities source
                gets one); the outputs are the same for any N
  -h, --help    show this help

Exit status: 0 done; 2 invalid pipeline file or arguments (nothing written);
3 done, but a source's reject rate exceeded max_reject_rate; 1 any other failure
(the run folder is then left as <run_id>.partial, marked incomplete).`,
  async run(args, io) {
    const { positional, flags } = parseArgs(args, { out: 'string', threads: 'number' });
    if (positional.length !== 1) throw new UsageError('run takes exactly one PIPELINE file (see census-recon run --help)');
    const threads = flags.threads === undefined ? undefined : Number(flags.threads);
    if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1 && threads <= 64)) {
      throw new UsageError(`--threads must be a whole number from 1 to 64, not "${String(flags.threads)}"`);
    }
    const loaded = await loadPipeline(positional[0]!);
    const progress = createProgress(io.err, io.isTty);
    const outcome = await runPipeline({ loaded, outDir: typeof flags.out === 'string' ? flags.out : undefined, progress, threads });
    const rel = relative(process.cwd(), outcome.runDir);
    const shown = rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? outcome.runDir : rel;
    io.out(`Report: ${shown}/report.html\nRun folder: ${shown}/\n`);
    if (outcome.exitCode === 3) io.err(`reject rate above the limit for: ${outcome.overRejectLimit.join(', ')} (exit 3)\n`);
    return outcome.exitCode;
  },
};
