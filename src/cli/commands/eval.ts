import { UsageError, type Command } from '../command.js';
import { evaluateRun, formatEvalReport } from '../../eval/evaluate-run.js';

const USAGE = `Usage: census-recon eval RUN_DIR TRUTH_DIR [--json]

Scores a run folder against the ground truth of a synthetic county:
  linkage    pairwise precision / recall / F1 of RUN_DIR/persons.csv vs TRUTH_DIR/persons.csv
  findings   per type precision / recall / F1 of RUN_DIR/findings.csv vs TRUTH_DIR/findings.csv
             (a run finding matches one truth finding of the same type sharing a record ref),
             plus DUPLICATE+OMISSION+REGISTERED_ABSENT scored together
  rejects    how many of TRUTH_DIR/broken.csv appear in RUN_DIR/rejects.csv (when present)

Options:
  --json       print the scores as JSON instead of a table
  -h, --help   show this help`;

export const evalCommand: Command = {
  name: 'eval',
  summary: 'score a run folder against synthetic ground truth',
  usage: USAGE,
  async run(args, io) {
    if (args.includes('--help') || args.includes('-h')) {
      io.out(`${USAGE}\n`);
      return 0;
    }
    const json = args.includes('--json');
    const positional = args.filter((a) => a !== '--json');
    const unknown = positional.find((a) => a.startsWith('--'));
    if (unknown) throw new UsageError(`unknown option "${unknown}"\n\n${USAGE}`);
    if (positional.length !== 2) throw new UsageError(`expected RUN_DIR and TRUTH_DIR\n\n${USAGE}`);
    const report = await evaluateRun(positional[0]!, positional[1]!);
    io.out(json ? JSON.stringify(report, null, 2) + '\n' : formatEvalReport(report));
    return 0;
  },
};
