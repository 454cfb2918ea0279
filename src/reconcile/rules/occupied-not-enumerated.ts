import type { Finding } from '../../model.js';
import { makeFinding } from '../make-finding.js';
import type { FindingRule } from './finding-rule.js';

/**
 * OCCUPIED_NOT_ENUMERATED (疑似漏户): an in-scope dwelling whose utilities show occupancy in the
 * reference window while nobody was enumerated as resident there. Refs are the window's utility rows.
 */
export const occupiedNotEnumerated: FindingRule = {
  type: 'OCCUPIED_NOT_ENUMERATED',
  description: 'utility consumption shows occupancy in the reference window; no household enumerated',
  evaluate(ctx) {
    const out: Finding[] = [];
    const from = ctx.windowMonths[0] ?? '';
    const to = ctx.windowMonths[ctx.windowMonths.length - 1] ?? '';
    for (const d of ctx.dwellings.values()) {
      if (d.occupancy !== 'occupied' || d.residents.length > 0 || !d.inScope) continue;
      const registered = d.registerActive.length > 0;
      out.push(
        makeFinding({
          type: 'OCCUPIED_NOT_ENUMERATED',
          location: ctx.locateDwelling(d),
          person: null,
          refs: d.windowUtilities.map((row) => ctx.utilityRef(row)),
          score: null,
          detail: registered ? 'REGISTERED_HOUSEHOLD' : 'NO_REGISTERED_HOUSEHOLD',
          reasonZh: `${from} 至 ${to} 有 ${d.activeMonths} 个月水电气用量显示有人居住，但普查未登记住户${registered ? '（此址有户籍登记）' : ''}`,
          reasonEn: `Utilities show occupancy in ${d.activeMonths} month(s) of ${from}–${to}, but no household was enumerated here${registered ? ' (registered household at this address)' : ''}`,
          extra: { active_months: String(d.activeMonths) },
        }),
      );
    }
    return out;
  },
};
