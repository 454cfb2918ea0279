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
    const deaths = p.deaths.filter((r) => {
      const date = deathDateOf(r);
      return date !== '' && date < ctx.referenceDate;
    });
    const entries = p.registerActive.filter(ctx.inScope);
    if (deaths.length === 0 || entries.length === 0) return;
    const date = deaths.map(deathDateOf).reduce((a, b) => (b < a ? b : a));
    out.push(
      makeFinding({
        type: 'DECEASED_NOT_CANCELLED',
        location: ctx.locate(entries[0]!),
        personId: p.personId,
        refs: [...entries, ...deaths].map(recordRef),
        score: p.score,
        reasonZh: `死亡证明显示 ${month(date)} 死亡，户籍仍为正常，应注销户口`,
        reasonEn: `Death recorded in ${month(date)}, register entry still active; should be cancelled`,
      }),
    );
  },
});
