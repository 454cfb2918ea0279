import { checkInputs } from '../../pipeline/check-inputs.js';
import { loadPipeline } from '../../pipeline/load-pipeline.js';
import { UsageError, type Command } from '../command.js';
import { parseArgs } from '../parse-args.js';

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check a pipeline file and its inputs without running',
  usage: `Usage: census-recon validate PIPELINE

Checks the pipeline file against the schema, that every input file exists and
has the headers the pipeline maps, and prints what a run would read.
Exit status: 0 valid; 2 invalid (each problem is named by its path in the file).`,
  async run(args, io) {
    const { positional } = parseArgs(args, {});
    if (positional.length !== 1) throw new UsageError('validate takes exactly one PIPELINE file (see census-recon validate --help)');
    const loaded = await loadPipeline(positional[0]!);
    const checks = await checkInputs(loaded);
    const p = loaded.pipeline;
    const lines = [
      `Pipeline ${p.name}: valid`,
      `  reference moment ${p.reference_date} 00:00, scope ${p.scope.area_prefix}, output ${loaded.outDir}`,
      `  linkage: match ≥ ${p.linkage.match_threshold}, review ≥ ${p.linkage.review_threshold}, blocking ${p.linkage.blocking_rules.join(', ')}`,
      `  reject limit ${(p.max_reject_rate * 100).toFixed(1)}% per source`,
      'Would read:',
      ...checks.map(
        (c) =>
          `  ${c.source.padEnd(12)} ${c.kind.padEnd(12)} ${c.path} (${(c.size / 1024).toFixed(0)} KiB, ${c.encoding}, ${c.headers.length} columns, ${
            Object.keys(p.sources.find((s) => s.name === c.source)!.columns).length
          } mapped)`,
      ),
    ];
    io.out(`${lines.join('\n')}\n`);
    return 0;
  },
};
