import type { Finding, PersonRecord } from '../../model.js';
import { makeFinding } from '../make-finding.js';
import type { FindingRule } from './finding-rule.js';
import { recordRef } from '../../lib/record-ref.js';

/**
 * ID_COLLISION (一号多人): one per linkage collision with an in-scope record. Person-less (several
 * persons); their person ids go to the extra column `person_ids`.
 */
export const idCollision: FindingRule = {
  type: 'ID_COLLISION',
  description: 'one ID number carried by records that are clearly different people',
  evaluate(ctx) {
    const out: Finding[] = [];
    for (const c of ctx.linkage.collisions) {
      const records = c.groups.flat().map((ix) => ctx.record(ix)).filter((r): r is PersonRecord => r !== undefined);
      const anchor =
        records.find((r) => r.kind === 'enumeration' && ctx.inScope(r)) ?? records.find((r) => r.kind === 'register' && ctx.inScope(r)) ?? records.find(ctx.inScope);
      if (!anchor) continue;
      const personIds = [...new Set(records.map((r) => ctx.personOf(r).personId))].sort();
      const n = c.groups.length;
      out.push(
        makeFinding({
          type: 'ID_COLLISION',
          location: ctx.locate(anchor),
          person: null,
          refs: records.map(recordRef),
          score: null,
          reasonZh: `同一身份证号码由 ${n} 个明显不同的人使用，请核实各自的身份证号码`,
          reasonEn: `One ID number is carried by ${n} clearly different people; check each person's ID number`,
          extra: { person_ids: personIds.join(';') },
        }),
      );
    }
    return out;
  },
};
