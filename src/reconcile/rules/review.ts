import type { Finding } from '../../model.js';
import { makeFinding } from '../make-finding.js';
import type { FindingRule } from './finding-rule.js';
import { recordRef } from '../../lib/record-ref.js';

/** REVIEW (待人工核对): one per candidate pair in the review band with an in-scope record; score = probability. */
export const review: FindingRule = {
  type: 'REVIEW',
  description: 'a candidate pair scored between the review and match thresholds',
  evaluate(ctx) {
    const out: Finding[] = [];
    const seen = new Set<string>();
    for (const pair of ctx.linkage.review) {
      const key = pair.l < pair.r ? `${pair.l},${pair.r}` : `${pair.r},${pair.l}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const l = ctx.record(pair.l);
      const r = ctx.record(pair.r);
      if (!l || !r || !(ctx.inScope(l) || ctx.inScope(r))) continue;
      const anchor = [l, r].find((x) => x.kind === 'enumeration' && ctx.inScope(x)) ?? (ctx.inScope(l) ? l : r);
      const pct = (pair.probability * 100).toFixed(1);
      out.push(
        makeFinding({
          type: 'REVIEW',
          location: ctx.locate(anchor),
          person: null,
          refs: [recordRef(l), recordRef(r)],
          score: pair.probability,
          detail: pair.pass,
          reasonZh: `两条记录疑似同一人（匹配概率 ${pct}%），请人工核对是否为同一人`,
          reasonEn: `Two records may be the same person (match probability ${pct}%); decide whether they are`,
          extra: { match_weight: pair.matchWeight.toFixed(2) },
        }),
      );
    }
    return out;
  },
};
