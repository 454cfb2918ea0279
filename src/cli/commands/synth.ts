import { resolve } from 'node:path';
import { UsageError, type Command } from '../command.js';
import { parseArgs } from '../parse-args.js';
import { synthCounty } from '../../synth/synth-county.js';

const USAGE = `Usage: census-recon synth --persons N --seed S --out DIR [--error-rate-scale X]

Generates a synthetic county with ground truth (fictional people only):
  DIR/普查登记.csv, 户籍.csv (GB18030), 出生医学证明.csv, 学籍.csv, 水电气.csv, 死亡.csv
  DIR/pipeline.json   a pipeline that reads them (run: census-recon run DIR/pipeline.json)
  DIR/truth/          persons.csv, findings.csv, broken.csv and README.md

Options:
  --persons N            approximate number of people (e.g. 1000000)
  --seed S               integer seed; the same arguments give byte-identical files
  --out DIR              output folder (created if missing)
  --error-rate-scale X   multiply every dirt rate (typos, damaged IDs, broken rows); default 1
  -h, --help             show this help`;

function numberFlag(flags: Record<string, string | boolean | number>, name: string, opts: { integer: boolean; min: number; fallback?: number }): number {
  const raw = flags[name];
  if (raw === undefined) {
    if (opts.fallback !== undefined) return opts.fallback;
    throw new UsageError(`--${name} is required\n\n${USAGE}`);
  }
  const n = Number(raw);
  if (!Number.isFinite(n) || (opts.integer && !Number.isInteger(n)) || n < opts.min) {
    throw new UsageError(`--${name} expects ${opts.integer ? 'an integer' : 'a number'} of at least ${opts.min}, got "${String(raw)}"`);
  }
  return n;
}

export const synthCommand: Command = {
  name: 'synth',
  summary: 'generate a synthetic county with ground truth',
  usage: USAGE,
  async run(args, io) {
    if (args.includes('--help') || args.includes('-h')) {
      io.out(`${USAGE}\n`);
      return 0;
    }
    const { positional, flags } = parseArgs(args, { persons: 'string', seed: 'string', out: 'string', 'error-rate-scale': 'string' });
    if (positional.length > 0) throw new UsageError(`unexpected argument "${positional[0]}"\n\n${USAGE}`);
    const persons = numberFlag(flags, 'persons', { integer: true, min: 10 });
    const seed = numberFlag(flags, 'seed', { integer: true, min: 0 });
    const errorRateScale = numberFlag(flags, 'error-rate-scale', { integer: false, min: 0, fallback: 1 });
    const out = flags['out'];
    if (typeof out !== 'string') throw new UsageError(`--out is required\n\n${USAGE}`);
    const started = Date.now();
    const summary = await synthCounty({ persons, seed, outDir: resolve(out), errorRateScale });
    const lines = [
      `synth: ${summary.persons} persons, ${summary.dwellings} dwellings in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      ...Object.entries(summary.rows).map(([src, n]) => `  ${src.padEnd(8)} ${String(n).padStart(9)} rows (${summary.broken[src] ?? 0} broken on purpose)`),
      '  planted findings:',
      ...Object.entries(summary.findings)
        .filter(([, n]) => n > 0)
        .map(([type, n]) => `    ${type.padEnd(28)} ${String(n).padStart(8)}`),
    ];
    io.out(lines.join('\n') + '\n');
    return 0;
  },
};
