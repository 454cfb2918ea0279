import type { PersonRecord } from '../../model.js';
import { month } from '../kind-labels.js';
import { makeFinding } from '../make-finding.js';
import { personRule } from './finding-rule.js';
import { recordRef } from '../../lib/record-ref.js';
import { deathDateOf } from '../person-facts.js';

/** DECEASED_NOT_CANCELLED (未销户口): an active in-scope register entry, death recorded before the reference moment. */
export const deceasedNotCancelled = personRule({
  type: 'DECEASED_NOT_CANCELLED',
  description: 'active register entry of a person whose death is recorded before the reference moment',
  evaluatePerson(ctx, p, out) {
    if (p.deaths.length === 0 || p.registerActive.length === 0) return;
    // the deaths recorded before the reference moment, and the earliest of their dates
    const deaths: PersonRecord[] = [];
    let date = '';
    for (const r of p.deaths) {
      const d = deathDateOf(r);
      if (d === '' || d >= ctx.referenceDate) continue;
      deaths.push(r);
      if (date === '' || d < date) date = d;
    }
    const entries = p.registerActive.filter(ctx.inScope);
    if (deaths.length === 0 || entries.length === 0) return;
    out.push(
      makeFinding({
        type: 'DECEASED_NOT_CANCELLED',
        location: ctx.locate(entries[0]!),
        person: p,
        refs: [...entries, ...deaths].map(recordRef),
        score: p.score,
        reasonZh: `死亡证明显示 ${month(date)} 死亡，户籍仍为正常，应注销户口`,
        reasonEn: `Death recorded in ${month(date)}, register entry still active; should be cancelled`,
      }),
    );
  },
});
