import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { explainPair } from '../../link/explain-pair.js';
import type { LinkageModel } from '../../link/linkage-model.js';
import type { PersonRecord } from '../../model.js';
import { maskId } from '../../normalise/normalise-id.js';
import { loadRecords } from '../../pipeline/load-records.js';
import { UsageError, type Command } from '../command.js';
import { parseArgs } from '../parse-args.js';
import { recordRef } from '../../lib/record-ref.js';

/** Record line for the waterfall; names masked (surname + '*') unless asked for, ID numbers always masked. */
function describe(showNames: boolean): (r: PersonRecord) => string {
  return (r) => {
    const name = r.name.key === '' ? '(no name)' : showNames ? r.name.display : `${r.name.surname}*`;
    return [recordRef(r), r.kind, name, r.sex || '-', r.birthDate || '-', r.id.value ? maskId(r.id.value) : '-', r.dwelling || '-'].join('  ');
  };
}

export const explainCommand: Command = {
  name: 'explain',
  summary: 'show why two records were linked or kept apart',
  usage: `Usage: census-recon explain RUN_DIR REF_A REF_B [--show-names]

Re-reads the two records (REF = <source>:<record_key>) from the run's inputs and prints the
match-weight waterfall under the run's trained model (RUN_DIR/model.json): the prior, each
comparison's level and weight, the running total, the final match weight and probability, and
the verdict (link / review / apart) under the run's thresholds.
ID numbers are masked; names are shown as surname + '*' unless --show-names is given.
Exit status: 0 done; 2 bad arguments or not a run folder.`,
  async run(args, io) {
    const { positional, flags } = parseArgs(args, { 'show-names': 'boolean' });
    if (positional.length !== 3) throw new UsageError('explain takes RUN_DIR REF_A REF_B (see census-recon explain --help)');
    const [runDir, refA, refB] = positional as [string, string, string];
    let model: LinkageModel;
    try {
      model = JSON.parse(await readFile(join(runDir, 'model.json'), 'utf8')) as LinkageModel;
    } catch {
      throw new UsageError(`${runDir} has no readable model.json (is it a finished run folder?)`);
    }
    if (model.version !== 1 || !Array.isArray(model.comparisons)) throw new UsageError(`${runDir}/model.json is not a linkage model this version understands`);
    const [left, right] = await loadRecords(runDir, [refA, refB]);
    io.out(explainPair(model, left!, right!, { describe: describe(flags['show-names'] === true) }));
    return 0;
  },
};
