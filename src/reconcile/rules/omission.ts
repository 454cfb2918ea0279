import type { PersonContext, ReconcileContext } from '../build-context.js';
import { month } from '../kind-labels.js';
import { makeFinding } from '../make-finding.js';
import { awaitsReview, isEnumerationRecord, omissionEvidence, type OmissionEvidence, type OmissionKind } from '../person-facts.js';
import { personRule } from './finding-rule.js';
import { recordRef } from '../../lib/record-ref.js';

const REASONS: Record<OmissionKind, (e: OmissionEvidence, reg: [string, string]) => [string, string]> = {
  BIRTH: (e, reg) => [
    `${reg[0]}出生医学证明显示 ${month(e.record.birthDate)} 出生，普查未登记`,
    `${reg[1]}birth certificate shows a birth in ${month(e.record.birthDate)}, not enumerated`,
  ],
  SCHOOLING: (_e, reg) => [`${reg[0]}学籍登记的家庭住址在此，普查未登记`, `${reg[1]}school roll gives this home address, not enumerated`],
  REGISTER_OCCUPIED: () => [
    '户籍在本户，水电气显示有人居住，但普查未登记本户',
    'Registered at this address and utilities show occupancy, but no household was enumerated here',
  ],
};

/** The records behind an omission: in-scope births before the moment, school rolls and active register entries. */
function evidenceRefs(ctx: ReconcileContext, p: PersonContext): string[] {
  const refs: string[] = [];
  for (const r of p.births) if (ctx.inScope(r) && r.birthDate !== '' && r.birthDate < ctx.referenceDate) refs.push(recordRef(r));
  for (const r of p.schooling) if (ctx.inScope(r)) refs.push(recordRef(r));
  for (const r of p.registerActive) if (ctx.inScope(r)) refs.push(recordRef(r));
  return refs;
}

/** OMISSION: departmental evidence places an unenumerated, living person in an in-scope dwelling. */
export const omission = personRule({
  type: 'OMISSION',
  description: 'evidence places a person in an in-scope dwelling at the reference moment; no enumeration record exists',
  evaluatePerson(ctx, p, out) {
    const e = omissionEvidence(ctx, p);
    if (!e || awaitsReview(ctx, p, isEnumerationRecord)) return;
    const reg: [string, string] = e.registeredHere ? ['户籍在本户、', 'Registered at this address; '] : ['', ''];
    const [reasonZh, reasonEn] = REASONS[e.kind](e, reg);
    out.push(
      makeFinding({
        type: 'OMISSION',
        location: ctx.locate(e.record),
        person: p,
        refs: evidenceRefs(ctx, p),
        score: p.score,
        detail: e.kind,
        reasonZh,
        reasonEn,
      }),
    );
  },
});
