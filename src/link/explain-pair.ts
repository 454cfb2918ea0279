import type { PersonRecord } from '../model.js';
import type { LinkageModel } from './linkage-model.js';
import { scorePair } from './score-pair.js';
import { recordRef } from '../lib/record-ref.js';

export interface ExplainOptions {
  /** Renders a record for the header line (default: its ref only). */
  describe?: (r: PersonRecord) => string;
}

/** Text waterfall of one pair under a trained model: prior, each comparison's level and weight, total, verdict. */
export function explainPair(model: LinkageModel, left: PersonRecord, right: PersonRecord, options: ExplainOptions = {}): string {
  const describe = options.describe ?? recordRef;
  const s = scorePair(model, left, right);
  const fmt = (w: number): string => (w >= 0 ? '+' : '') + w.toFixed(2);
  const lines = [`left  ${describe(left)}`, `right ${describe(right)}`, ''];
  lines.push(`${'step'.padEnd(24)}${'level'.padEnd(16)}${'weight'.padStart(9)}${'total'.padStart(9)}`);
  let total = model.priorWeight;
  lines.push(`${'prior'.padEnd(24)}${''.padEnd(16)}${fmt(model.priorWeight).padStart(9)}${fmt(total).padStart(9)}`);
  for (const o of s.outcomes) {
    total += o.weight;
    lines.push(`${o.comparison.padEnd(24)}${o.level.padEnd(16)}${fmt(o.weight).padStart(9)}${fmt(total).padStart(9)}`);
  }
  const verdict = s.probability >= model.matchThreshold ? 'link' : s.probability >= model.reviewThreshold ? 'review' : 'apart';
  lines.push('');
  lines.push(`match weight ${fmt(s.matchWeight)}, probability ${s.probability.toPrecision(6)}`);
  lines.push(`verdict: ${verdict} (match ≥ ${model.matchThreshold}, review ≥ ${model.reviewThreshold})`);
  return `${lines.join('\n')}\n`;
}
