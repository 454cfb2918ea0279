import { makeFinding } from '../make-finding.js';
import { residentRecord } from '../person-facts.js';
import { personRule } from './finding-rule.js';
import { recordRef } from '../../lib/record-ref.js';

/**
 * DUPLICATE: one person with two or more resident enumeration records. Away records are not counted
 * (an away member may be resident elsewhere). Priority drops to 3 when the weakest link is below the
 * match threshold (a link made by ID or birth pass that the scores do not support).
 */
export const duplicate = personRule({
  type: 'DUPLICATE',
  description: 'one person has two or more resident enumeration records',
  evaluatePerson(ctx, p, out) {
    if (p.resident.length < 2) return;
    const first = residentRecord(ctx, p);
    if (!first) return;
    const sameDwelling = p.resident.every((r) => r.dwelling !== '' && r.dwelling === first.dwelling);
    const sameArea = p.resident.every((r) => r.areaCode === first.areaCode);
    const detail = sameDwelling ? 'SAME_DWELLING' : sameArea ? 'SAME_AREA' : 'DIFFERENT_AREA';
    const n = p.resident.length;
    const where = { SAME_DWELLING: ['同一住址', 'at the same address'], SAME_AREA: ['同一普查小区', 'in the same small area'], DIFFERENT_AREA: ['不同普查小区', 'in different small areas'] }[detail];
    out.push(
      makeFinding({
        type: 'DUPLICATE',
        location: ctx.locate(first),
        person: p,
        refs: p.resident.map(recordRef),
        score: p.score,
        priority: p.score !== null && p.score < ctx.matchThreshold ? 3 : 2,
        detail,
        reasonZh: `同一人在${where[0]}被登记为常住人口 ${n} 次，请核实后删除重复记录`,
        reasonEn: `The same person is enumerated as resident ${n} times ${where[1]}; confirm and remove the duplicate`,
      }),
    );
  },
});
