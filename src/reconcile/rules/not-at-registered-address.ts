import type { HukouPlace, PersonRecord } from '../../model.js';
import type { PersonContext } from '../build-context.js';
import { makeFinding } from '../make-finding.js';
import { declaredElsewhere, residentRecord } from '../person-facts.js';
import { personRule } from './finding-rule.js';
import { recordRef } from '../../lib/record-ref.js';

type Level = 'WITHIN_TOWN' | 'WITHIN_COUNTY' | 'OUTSIDE_COUNTY';

const LEVEL_TEXT: Record<Level, [string, string]> = {
  WITHIN_TOWN: ['本乡镇（街道）内', 'within the township'],
  WITHIN_COUNTY: ['本县其他乡镇（街道）', 'in another township of the county'],
  OUTSIDE_COUNTY: ['外县', 'outside the county'],
};

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length, 12);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** What the short form's 户口登记地 should say for a register entry whose area code shares `prefix` digits. */
function placeFor(prefix: number): HukouPlace {
  return prefix >= 12 ? 'here' : prefix >= 9 ? 'town' : prefix >= 6 ? 'county' : 'outside_county';
}

/** Some active register entry is at a dwelling where the person is enumerated as resident (loops: no closures per person). */
function registeredWhereResident(p: PersonContext): boolean {
  for (const e of p.registerActive) {
    if (e.dwelling === '') continue;
    for (const r of p.resident) if (r.dwelling === e.dwelling) return true;
  }
  return false;
}

function levelFor(prefix: number): Level {
  return prefix >= 9 ? 'WITHIN_TOWN' : prefix >= 6 ? 'WITHIN_COUNTY' : 'OUTSIDE_COUNTY';
}

/**
 * NOT_AT_REGISTERED_ADDRESS (人户分离): resident at one dwelling, registered (active) at another.
 * Level by comparing the resident small-area code with the register's 12-digit code (9 digits = same
 * town, 6 = same county). Without an active entry, a declared hukou place in another county or
 * township gives the level by declaration (basis = declared). Extra columns: official (yes for the
 * two levels the official 人户分离 count uses), hukou_place_agrees (declared 户口登记地 vs register),
 * basis (register / declared). Priority 2 when the declaration disagrees with the register.
 */
export const notAtRegisteredAddress = personRule({
  type: 'NOT_AT_REGISTERED_ADDRESS',
  description: 'enumerated as resident at one dwelling, registered (active) at another',
  evaluatePerson(ctx, p, out) {
    const res = residentRecord(ctx, p);
    if (!res) return;
    let level: Level;
    let entry: PersonRecord | undefined;
    let agrees: 'yes' | 'no' | 'unknown' = 'unknown';
    if (p.registerActive.length > 0) {
      if (registeredWhereResident(p)) return;
      let best = -1;
      for (const e of p.registerActive) {
        const c = commonPrefix(res.areaCode, e.areaCode);
        if (c > best) {
          best = c;
          entry = e;
        }
      }
      level = levelFor(best);
      if (res.hukouPlace) agrees = res.hukouPlace === placeFor(best) ? 'yes' : 'no';
    } else if (declaredElsewhere(res)) {
      level = res.hukouPlace === 'county' ? 'WITHIN_COUNTY' : 'OUTSIDE_COUNTY';
    } else return;
    const official = level !== 'WITHIN_TOWN';
    const [zh, en] = LEVEL_TEXT[level];
    const basis = entry ? 'register' : 'declared';
    const reasonZh = entry
      ? `在此居住，户口登记在${zh}其他地址${agrees === 'no' ? '；普查填报的户口登记地与户籍不符' : ''}`
      : `在此居住，普查填报户口在${zh}，户籍库中无此人`;
    const reasonEn = entry
      ? `Lives here, registered at another address ${en}${agrees === 'no' ? '; the declared hukou place disagrees with the register' : ''}`
      : `Lives here, declares a hukou ${en}; not in the register`;
    out.push(
      makeFinding({
        type: 'NOT_AT_REGISTERED_ADDRESS',
        location: ctx.locate(res),
        person: p,
        refs: [...p.resident.filter(ctx.inScope).map(recordRef), ...p.registerActive.map(recordRef)],
        score: entry ? p.score : null,
        priority: agrees === 'no' ? 2 : 3,
        detail: level,
        reasonZh,
        reasonEn,
        extra: { official: official ? 'yes' : 'no', hukou_place_agrees: agrees, basis },
      }),
    );
  },
});
