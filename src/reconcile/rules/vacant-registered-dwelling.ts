import type { Finding } from '../../model.js';
import { makeFinding } from '../make-finding.js';
import type { FindingRule } from './finding-rule.js';
import { recordRef } from '../../lib/record-ref.js';

const UTILITY_TEXT = {
  UTILITY_VACANT: ['水电气无使用', 'utilities show no use'],
  LOW_UTILITY_USE: ['水电气用量不足以表明有人居住', 'utility use too low to show occupancy'],
  NO_UTILITY_DATA: ['无水电气资料', 'no utility data'],
} as const;

/**
 * VACANT_REGISTERED_DWELLING (空挂户): an in-scope dwelling with active register entries, nobody
 * enumerated as resident, and no utility occupancy. Detail says why occupancy is absent:
 * UTILITY_VACANT (rows, no use), LOW_UTILITY_USE (use in too few months), NO_UTILITY_DATA. Refs are the
 * active register entries there (the utility rows show an absence).
 */
export const vacantRegisteredDwelling: FindingRule = {
  type: 'VACANT_REGISTERED_DWELLING',
  description: 'active registered households, no resident enumerated, no utility occupancy',
  evaluate(ctx) {
    const out: Finding[] = [];
    for (const d of ctx.dwellings.values()) {
      if (d.registerActive.length === 0 || d.residents.length > 0 || d.occupancy === 'occupied' || !d.inScope) continue;
      const entries = d.registerActive.filter(ctx.inScope);
      if (entries.length === 0) continue;
      const detail = d.occupancy === 'vacant' ? 'UTILITY_VACANT' : d.utilityRows > 0 ? 'LOW_UTILITY_USE' : 'NO_UTILITY_DATA';
      const households = new Set(entries.map((r) => r.household)).size;
      const [zh, en] = UTILITY_TEXT[detail];
      out.push(
        makeFinding({
          type: 'VACANT_REGISTERED_DWELLING',
          location: { ...ctx.locateDwelling(d), address: entries[0]!.address },
          person: null,
          refs: entries.map(recordRef),
          score: null,
          detail,
          reasonZh: `户籍登记 ${households} 户 ${entries.length} 人，普查无人常住，${zh}`,
          reasonEn: `${households} registered household(s) with ${entries.length} person(s), nobody enumerated as resident, ${en}`,
          extra: { active_months: String(d.activeMonths) },
        }),
      );
    }
    return out;
  },
};
