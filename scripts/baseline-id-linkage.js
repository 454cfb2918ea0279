// The simple baseline a statistician would start from: two records are one person when they carry the
// same valid ID number, and never otherwise. Prints its pairwise precision/recall against a generated
// county's truth, to compare with `census-recon eval` on a real run.
//   npm run build && node scripts/baseline-id-linkage.js COUNTY_DIR
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSource } from '../dist/ingest/read-source.js';
import { loadPipeline } from '../dist/pipeline/load-pipeline.js';
import { scoreLinkage } from '../dist/eval/score-linkage.js';

const dir = process.argv[2];
const loaded = await loadPipeline(join(dir, 'pipeline.json'));
const predicted = new Map();
for (const [i, source] of loaded.pipeline.sources.entries()) {
  if (source.kind === 'utilities') continue;
  const { persons } = await readSource(source, loaded.sourcePaths[i]);
  for (const p of persons) predicted.set(p.ref, p.id.quality === 'valid' ? `id:${p.id.value}` : `rec:${p.ref}`);
}
const truth = new Map();
for (const line of readFileSync(join(dir, 'truth', 'persons.csv'), 'utf8').replace(/^\ufeff/, '').trim().split('\n').slice(1)) {
  const [ref, person] = line.split(',');
  truth.set(ref, person);
}
const s = scoreLinkage(predicted, truth);
console.log(`exact-ID linkage: precision ${(100 * s.precision).toFixed(2)}%  recall ${(100 * s.recall).toFixed(2)}%  F1 ${(100 * s.f1).toFixed(2)}%  (true pairs ${s.truePairs}, predicted ${s.predictedPairs}, correct ${s.correctPairs})`);
