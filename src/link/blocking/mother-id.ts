import type { PersonRecord } from '../../model.js';
import { keyHash } from '../key-hash.js';
import type { BlockingRule } from './blocking-rule.js';

const DAYS = 3;
const MS_PER_DAY = 86_400_000;

/** The dates within ±DAYS of `date` (itself included), in order; unreadable ones left out. */
function datesAround(date: string): string[] {
  const t = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(t)) return [date];
  const out: string[] = [];
  for (let d = -DAYS; d <= DAYS; d++) out.push(d === 0 ? date : new Date(t + d * MS_PER_DAY).toISOString().slice(0, 10));
  return out;
}

/**
 * Births: the mother's ID finds her records; the child is looked for among the records of her
 * households and dwellings with the same sex and a birth date within ±3 days.
 */
export const motherIdRule: BlockingRule = {
  name: 'mother_id',
  keys: 'many',
  description: "mother's ID → her household/dwelling, same sex, birth date ±3 days",
  prepare(records, context) {
    const motherIds = new Set<string>();
    // the birth dates a child's other records can have: within ±3 days of a birth record's; the
    // few records born on one of them are the only ones worth looking up in the mothers' places
    const childDates = new Set<string>();
    // each birth date's window of dates, worked out once for the set above and for the births' keys
    // (35,000 births of a million persons' county share ~1,800 dates)
    const windowOfDate = new Map<string, string[]>();
    // an indexed loop: run once, a for-of loop stayed unoptimised and made an iterator result per record
    for (let i = 0; i < records.length; i++) {
      const r = records[i]!;
      const motherId = r.details?.motherId;
      if (r.kind !== 'births' || motherId?.quality !== 'valid') continue;
      motherIds.add(motherId.value);
      if (r.birthDate === '') continue;
      if (windowOfDate.has(r.birthDate)) continue;
      const window = datesAround(r.birthDate);
      windowOfDate.set(r.birthDate, window);
      for (const date of window) childDates.add(date);
    }
    const places = new Map<string, string[]>();
    // the mothers' places, looked up without building a place string for every record
    const households = new Map<string, Set<string>>();
    const dwellings = new Set<string>();
    // the mothers' own records, looked up by ID rather than by reading every record's
    for (const motherId of motherIds) {
      const list: string[] = [];
      for (const i of context.holdersOfId(motherId)) {
        const r = records[i]!;
        for (const p of placesOf(r)) if (!list.includes(p)) list.push(p);
        if (r.household !== '') {
          let set = households.get(r.source);
          if (!set) households.set(r.source, (set = new Set()));
          set.add(r.household);
        }
        if (r.dwelling !== '') dwellings.add(r.dwelling);
      }
      if (list.length > 0) places.set(motherId, list);
    }
    return (r: PersonRecord) => {
      if (r.birthDate === '' || r.sex === '') return 0;
      if (r.kind === 'births') {
        const motherId = r.details?.motherId;
        const list = motherId?.quality === 'valid' ? places.get(motherId.value) : undefined;
        if (!list) return 0;
        const keys: number[] = [];
        for (const date of windowOfDate.get(r.birthDate) ?? []) for (const p of list) keys.push(keyHash(p, r.sex, date));
        return keys;
      }
      if (!childDates.has(r.birthDate)) return 0;
      const inHousehold = r.household !== '' && households.get(r.source)?.has(r.household) === true;
      const inDwelling = r.dwelling !== '' && dwellings.has(r.dwelling);
      if (!inHousehold && !inDwelling) return 0;
      const keys: number[] = [];
      if (inHousehold) keys.push(keyHash(householdPlace(r), r.sex, r.birthDate));
      if (inDwelling) keys.push(keyHash(dwellingPlace(r), r.sex, r.birthDate));
      return keys;
    };
  },
};

const householdPlace = (r: PersonRecord): string => `h:${r.source}|${r.household}`;
const dwellingPlace = (r: PersonRecord): string => `d:${r.dwelling}`;

function placesOf(r: PersonRecord): string[] {
  const out: string[] = [];
  if (r.household !== '') out.push(householdPlace(r));
  if (r.dwelling !== '') out.push(dwellingPlace(r));
  return out;
}
