import { makeFinding } from '../make-finding.js';
import { awaitsReview, belongsToEnumeration, isEnumerated, isEnumerationRecord, omissionEvidence } from '../person-facts.js';
import { personRule } from './finding-rule.js';
import { recordRef } from '../../lib/record-ref.js';

/**
 * REGISTERED_ABSENT (户在人不在): an active in-scope register entry of a living person enumerated
 * nowhere (neither resident nor away) without evidence that they live here (else it is an OMISSION).
 * Detail: HOUSEHOLD_ENUMERATED (a household was enumerated at the address without them) or
 * DWELLING_NOT_ENUMERATED.
 */
export const registeredAbsent = personRule({
  type: 'REGISTERED_ABSENT',
  description: 'active register entry, person enumerated nowhere, no evidence they live here',
  evaluatePerson(ctx, p, out) {
    if (p.registerActive.length === 0 || isEnumerated(p) || !belongsToEnumeration(p)) return;
    const entries = p.registerActive.filter(ctx.inScope);
    if (entries.length === 0 || omissionEvidence(ctx, p) || awaitsReview(ctx, p, isEnumerationRecord)) return;
    const first = entries[0]!;
    const d = first.dwelling ? ctx.dwellings.get(first.dwelling) : undefined;
    const household = d !== undefined && d.residents.length + d.away.length > 0;
    out.push(
      makeFinding({
        type: 'REGISTERED_ABSENT',
        location: ctx.locate(first),
        person: p,
        refs: entries.map(recordRef),
        score: p.score,
        detail: household ? 'HOUSEHOLD_ENUMERATED' : 'DWELLING_NOT_ENUMERATED',
        reasonZh: household
          ? '户籍在本户，本户已普查登记但未列此人（常住或外出均无），请核实去向'
          : '户籍在此地址，普查中未找到此人，也无其他居住证据，请核实去向',
        reasonEn: household
          ? 'Registered here; the household was enumerated without this person (neither resident nor away); confirm whereabouts'
          : 'Registered at this address, not found in the census and no other evidence of residence; confirm whereabouts',
      }),
    );
  },
});
