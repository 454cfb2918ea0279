import { month } from '../kind-labels.js';
import { makeFinding } from '../make-finding.js';
import { awaitsReview, belongsToEnumeration, declaredElsewhere, isActiveRegisterEntry, residentRecord } from '../person-facts.js';
import { personRule } from './finding-rule.js';
import { recordRef } from '../../lib/record-ref.js';

/**
 * UNREGISTERED (未落户口): enumerated as resident in scope, or born in scope before the reference
 * moment, with no active register entry anywhere in the register's coverage. A resident declaring a
 * hukou in another county or township is NOT_AT_REGISTERED_ADDRESS by declaration instead.
 * A moved-out entry means the hukou is registered elsewhere: no finding. Detail: ENTRY_NOT_ACTIVE (only
 * cancelled/deceased entries), HUKOU_PENDING (declared 户口待定), NO_ENTRY.
 */
export const unregistered = personRule({
  type: 'UNREGISTERED',
  description: 'enumerated as resident (or born in scope) with no active register entry',
  evaluatePerson(ctx, p, out) {
    // a moved-out entry means the hukou went elsewhere, outside the register's coverage
    if (p.registerActive.length > 0 || p.bornAfterReference || p.registerInactive.some((r) => r.status === 'moved_out')) return;
    // an enumerated resident was alive at the moment whatever the death records say; a birth must be
    // before the moment and the child alive then
    const res = residentRecord(ctx, p);
    const birth =
      res || !belongsToEnumeration(p)
        ? undefined
        : p.births.find((r) => ctx.inScope(r) && r.birthDate !== '' && r.birthDate < ctx.referenceDate);
    const anchor = res ?? birth;
    if (!anchor || (res && declaredElsewhere(res))) return;
    if (awaitsReview(ctx, p, isActiveRegisterEntry)) return;
    const detail = p.registerInactive.length > 0 ? 'ENTRY_NOT_ACTIVE' : res?.hukouPlace === 'pending' ? 'HUKOU_PENDING' : 'NO_ENTRY';
    const what: [string, string] = res
      ? ['在此常住', 'Resident here']
      : [`${month(anchor.birthDate)} 在此出生`, `Born ${month(anchor.birthDate)} at this address`];
    const why: Record<typeof detail, [string, string]> = {
      ENTRY_NOT_ACTIVE: ['户籍已注销，未重新落户', 'the register entry was cancelled with no new entry'],
      HUKOU_PENDING: ['填报户口待定，户籍库中无此人', 'declared hukou pending; not in the register'],
      NO_ENTRY: ['户籍库中无此人', 'not in the register'],
    };
    out.push(
      makeFinding({
        type: 'UNREGISTERED',
        location: ctx.locate(anchor),
        person: p,
        refs: [
          ...p.resident.filter(ctx.inScope),
          ...p.births.filter((r) => ctx.inScope(r) && r.birthDate !== '' && r.birthDate < ctx.referenceDate),
          ...p.registerInactive,
        ].map(recordRef),
        score: p.registerInactive.length > 0 ? p.score : null,
        detail,
        reasonZh: `${what[0]}，${why[detail][0]}`,
        reasonEn: `${what[1]}; ${why[detail][1]}`,
      }),
    );
  },
});
