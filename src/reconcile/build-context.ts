import type { IdNumber, LinkageResult, PersonRecord, UtilityTable } from '../model.js';
import { utilityRef } from '../lib/utility-table.js';
import { deathDateOf } from './person-facts.js';
import type { FindingsConfig } from '../pipeline/pipeline-schema.js';

export type Occupancy = 'occupied' | 'vacant' | 'unknown';

/** Everything reconcile knows about one resolved person (a linkage cluster). */
export interface PersonContext {
  index: number;
  personId: string;
  records: PersonRecord[];
  /** Enumeration records with presence resident (or unstated presence). */
  resident: PersonRecord[];
  /** Enumeration records of registered members who are away (户口在本户、人外出). */
  away: PersonRecord[];
  /** Register entries active at the reference moment (status active, or changed only after the moment). */
  registerActive: PersonRecord[];
  registerInactive: PersonRecord[];
  births: PersonRecord[];
  schooling: PersonRecord[];
  deaths: PersonRecord[];
  /** From the birth certificate, else the most common stated birth date; '' if none. */
  birthDate: string;
  /** Earliest death date before the reference moment (deaths source or register status), else ''. */
  deathDate: string;
  bornAfterReference: boolean;
  diedBeforeReference: boolean;
  /** Lowest probability among the links that formed this person, or null for a single record. */
  score: number | null;
}

/** Everything reconcile knows about one dwelling key. */
export interface DwellingContext {
  key: string;
  /** Address as first written (enumeration preferred, then register, then any). */
  address: string;
  /** 12-digit village/community code seen at this dwelling, or ''. */
  village: string;
  /** True when any record here carries an in-scope area code, or none carries any area code. */
  inScope: boolean;
  /** Some enumeration, active register or utility record here carries an area code. */
  hasAreaCode: boolean;
  residents: PersonRecord[];
  away: PersonRecord[];
  registerActive: PersonRecord[];
  /** Utility rows of the reference window (rows of the run's UtilityTable; ReconcileContext.utilityRef names them). */
  windowUtilities: number[];
  /** All utility rows at this dwelling, any period. */
  utilityRows: number;
  /** Window months with qualifying consumption on any utility. */
  activeMonths: number;
  occupancy: Occupancy;
  /** Enumeration small area seen here ('' when nobody was enumerated here). */
  smallArea: string;
  enumeratorId: string;
}

/** Where a finding sends someone: the small area, its enumerator and the address to visit. */
export interface Location {
  areaCode: string;
  enumeratorId: string;
  address: string;
}

export interface ContextInput {
  persons: PersonRecord[];
  utilities: UtilityTable;
  linkage: LinkageResult;
  /** 标准时点, YYYY-MM-DD (00:00 that day). */
  referenceDate: string;
  scopePrefix: string;
  occupancy: FindingsConfig['utility_occupancy'];
  matchThreshold: number;
}

export interface ReconcileContext {
  referenceDate: string;
  scopePrefix: string;
  matchThreshold: number;
  /** The window months (YYYY-MM), oldest first. */
  windowMonths: string[];
  personCount: number;
  /**
   * Person `index` (0 ≤ index < personCount), built afresh at each call: a fresh, short-lived context (a
   * million long-lived ones cost more in garbage collection than building them again). Visit the persons
   * once, running every person rule on each (see reconcile), rather than keeping them.
   */
  personAt(index: number): PersonContext;
  dwellings: Map<string, DwellingContext>;
  linkage: LinkageResult;
  record(ix: number): PersonRecord | undefined;
  /** Records the given one forms a review-band pair with (pairs a clerk still has to decide). */
  reviewPartners(ix: number): readonly number[];
  /** `<source>:<record_key>` of a utilities row. */
  utilityRef(row: number): string;
  personOf(r: PersonRecord): PersonContext;
  /** Record lies in the job's scope (see buildContext). */
  inScope(r: PersonRecord): boolean;
  locate(r: PersonRecord): Location;
  locateDwelling(d: DwellingContext): Location;
}

const EMPTY: never[] = [];

/** Appends, copying short lists into exact-size literals: push would reserve ~17 slots per short list. */
function append<T>(list: T[], item: T): T[] {
  switch (list.length) {
    case 0:
      return [item];
    case 1:
      return [list[0]!, item];
    case 2:
      return [list[0]!, list[1]!, item];
    default:
      list.push(item);
      return list;
  }
}

// Record categories, as a person's lists name them.
const RESIDENT = 0;
const AWAY = 1;
const REGISTER_ACTIVE = 2;
const REGISTER_INACTIVE = 3;
const BIRTHS = 4;
const SCHOOLING = 5;
const DEATHS = 6;
const CATEGORIES = 7;

/**
 * The records at positions `order[from..to)` whose category is `cat` (all of them when `cat` is -1),
 * as an exact-size packed array; `count` is how many there are.
 */
function listOf(
  records: readonly PersonRecord[],
  order: Int32Array,
  catOf: Uint8Array,
  from: number,
  to: number,
  cat: number,
  count: number,
): PersonRecord[] {
  if (count === 0) return EMPTY;
  let a: PersonRecord | undefined;
  let b: PersonRecord | undefined;
  let list: PersonRecord[] | undefined;
  let n = 0;
  for (let k = from; k < to; k++) {
    const pos = order[k]!;
    if (cat >= 0 && catOf[pos] !== cat) continue;
    const r = records[pos]!;
    if (n === 0) a = r;
    else if (n === 1) b = r;
    else if (n === 2) list = [a!, b!, r];
    else list!.push(r);
    n++;
  }
  return n === 1 ? [a!] : n === 2 ? [a!, b!] : list!;
}

/**
 * The `count` whole calendar months before the month holding the reference moment, oldest first
 * (2020-11-01 with 3 → 2020-08, 2020-09, 2020-10).
 */
export function windowMonths(referenceDate: string, count: number): string[] {
  let y = Number(referenceDate.slice(0, 4));
  let m = Number(referenceDate.slice(5, 7));
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
    out.push(`${y}-${String(m).padStart(2, '0')}`);
  }
  return out.reverse();
}

/** A dwelling with its position in buildContext's list (records keep positions, not contexts). */
type ListedDwelling = DwellingContext & { readonly index: number };

function newDwelling(key: string, index: number): ListedDwelling {
  return {
    index,
    key,
    address: '',
    village: '',
    inScope: false,
    hasAreaCode: false,
    residents: EMPTY,
    away: EMPTY,
    registerActive: EMPTY,
    windowUtilities: EMPTY,
    utilityRows: 0,
    activeMonths: 0,
    occupancy: 'unknown',
    smallArea: '',
    enumeratorId: '',
  };
}

function mostCommon(counts: Map<string, number>): string {
  let best = '';
  let bestN = 0;
  for (const [k, n] of counts) {
    if (n > bestN || (n === bestN && k < best)) {
      best = k;
      bestN = n;
    }
  }
  return best;
}

function bump(map: Map<string, Map<string, number>>, key: string, value: string): void {
  let counts = map.get(key);
  if (!counts) map.set(key, (counts = new Map()));
  counts.set(value, (counts.get(value) ?? 0) + 1);
}

/**
 * Groups records by person and by dwelling in linear passes.
 *
 * Utility occupancy: the window is the `window_months` whole months before the month of the reference
 * moment. Consumption is summed per dwelling, month and utility over all accounts; a month counts as
 * active when any utility reaches its `min_consumption`. A dwelling is *occupied* with at least
 * `min_active_months` active months, *vacant* when it has utility rows but no active month, and
 * *unknown* otherwise (no utility rows, or some use below the occupancy threshold).
 *
 * Scope: a record is in scope when its area code starts with the scope prefix; a record without an
 * area code takes its dwelling's scope, then the area of a parent's or guardian's register or
 * enumeration record, and is otherwise presumed in scope (departmental exports are drawn for the scope).
 */
export function buildContext(input: ContextInput): ReconcileContext {
  const { linkage, referenceDate: ref, scopePrefix, occupancy: occ } = input;
  const months = windowMonths(ref, occ.window_months);
  const monthIndex = new Map(months.map((m, i) => [m, i]));
  const records = input.persons;
  const n = records.length;
  const personOfIx = linkage.personOf;

  let maxIx = -1;
  let aligned = true;
  for (let i = 0; i < n; i++) {
    const ix = records[i]!.ix;
    if (ix > maxIx) maxIx = ix;
    if (ix !== i) aligned = false;
  }
  let byIx: (PersonRecord | undefined)[] = records;
  if (!aligned) {
    byIx = new Array(maxIx + 1);
    for (let i = 0; i < n; i++) byIx[records[i]!.ix] = records[i]!;
  }

  // ---- dwellings: one Map lookup per record; only enumeration, active register and utilities create them.
  // Each record's category and dwelling (index into dwellingList, -1 for none) are kept by position.
  // The map the rules read is the one built here (a second one, filled afterwards, took ~0.2 s at a
  // million persons), and a record at the dwelling of the one before it skips the lookup: both sources
  // list a household's members together.
  const dwellings = new Map<string, ListedDwelling>();
  const dwellingList: ListedDwelling[] = [];
  let lastKey: string | undefined;
  let lastIndex = -1;
  const dwellingOf = (key: string): number => {
    if (key === lastKey) return lastIndex;
    let d = dwellings.get(key);
    if (d === undefined) {
      d = newDwelling(key, dwellingList.length);
      dwellings.set(key, d);
      dwellingList.push(d);
    }
    lastKey = key;
    lastIndex = d.index;
    return lastIndex;
  };
  const noteArea = (d: DwellingContext, areaCode: string): void => {
    if (!areaCode) return;
    d.hasAreaCode = true;
    if (!d.inScope && areaCode.startsWith(scopePrefix)) d.inScope = true;
    if (!d.village && areaCode.length >= 12) d.village = areaCode.slice(0, 12);
  };

  const smallAreaCounts = new Map<string, number>();
  const areaEnumerators = new Map<string, Map<string, number>>();
  const catOf = new Uint8Array(n);
  const dwellingAt = new Int32Array(n).fill(-1);
  let lastArea = '';
  let lastAreaCount = 0;
  const personAt = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const r = records[i]!;
    personAt[i] = personOfIx[r.ix]!;
    const kind = r.kind;
    if (kind === 'enumeration') {
      if (r.dwelling) {
        const di = dwellingOf(r.dwelling);
        dwellingAt[i] = di;
        noteArea(dwellingList[di]!, r.areaCode);
      }
      catOf[i] = r.presence === 'away' ? AWAY : RESIDENT;
      // records come grouped by small area: count runs, not one Map update per record
      if (r.areaCode === lastArea && lastAreaCount > 0) lastAreaCount++;
      else {
        if (lastAreaCount > 0) smallAreaCounts.set(lastArea, (smallAreaCounts.get(lastArea) ?? 0) + lastAreaCount);
        lastArea = r.areaCode;
        lastAreaCount = 1;
      }
      if (r.enumeratorId) bump(areaEnumerators, r.areaCode, r.enumeratorId);
    } else if (kind === 'register') {
      // the register as of the reference moment: a status changed after it was still active then
      if (r.status === 'active' || (r.statusDate !== '' && r.statusDate >= ref)) {
        catOf[i] = REGISTER_ACTIVE;
        if (r.dwelling) {
          const di = dwellingOf(r.dwelling);
          dwellingAt[i] = di;
          noteArea(dwellingList[di]!, r.areaCode);
        }
      } else catOf[i] = REGISTER_INACTIVE;
    } else if (kind === 'births') catOf[i] = BIRTHS;
    else if (kind === 'schooling') catOf[i] = SCHOOLING;
    else if (kind === 'deaths') catOf[i] = DEATHS;
    else catOf[i] = CATEGORIES; // not a person kind: kept in records only
  }
  if (lastAreaCount > 0) smallAreaCounts.set(lastArea, (smallAreaCounts.get(lastArea) ?? 0) + lastAreaCount);

  // Lists keep the input's order (the record table's ix), stable for the same inputs, so "the first record" is too.
  // Dwelling lists: records grouped by dwelling with a counting sort of positions.
  const personDwellings = dwellingList.length;
  {
    const start = new Int32Array(personDwellings + 1);
    for (let i = 0; i < n; i++) if (dwellingAt[i]! >= 0) start[dwellingAt[i]! + 1]!++;
    for (let d = 0; d < personDwellings; d++) start[d + 1]! += start[d]!;
    const order = new Int32Array(start[personDwellings]!);
    const fill = start.slice(0, personDwellings);
    for (let i = 0; i < n; i++) if (dwellingAt[i]! >= 0) order[fill[dwellingAt[i]!]!++] = i;
    for (let di = 0; di < personDwellings; di++) {
      const d = dwellingList[di]!;
      const from = start[di]!;
      const to = start[di + 1]!;
      let nRes = 0;
      let nAway = 0;
      let nReg = 0;
      for (let k = from; k < to; k++) {
        const c = catOf[order[k]!]!;
        if (c === RESIDENT) nRes++;
        else if (c === AWAY) nAway++;
        else nReg++;
      }
      d.residents = listOf(records, order, catOf, from, to, RESIDENT, nRes);
      d.away = listOf(records, order, catOf, from, to, AWAY, nAway);
      d.registerActive = listOf(records, order, catOf, from, to, REGISTER_ACTIVE, nReg);
      // the dwelling's small area and address come from its first resident, else its first away record
      const e = d.residents[0] ?? d.away[0];
      if (e) {
        d.smallArea = e.areaCode;
        d.enumeratorId = e.enumeratorId;
        d.address = e.address;
      } else if (d.registerActive[0]) d.address = d.registerActive[0].address;
    }
  }

  // ---- utilities: consumption per dwelling × month × utility (UTILITY_KINDS order), plus the month's row count
  const stride = months.length * 4;
  const utilities = input.utilities;
  const text = utilities.strings;
  const utilDwelling = new Int32Array(utilities.length).fill(-1);
  const utilMonth = new Int16Array(utilities.length).fill(-1);
  for (let i = 0; i < utilities.length; i++) {
    const dwelling = text[utilities.dwelling[i]!]!;
    if (!dwelling) continue;
    const di = dwellingOf(dwelling);
    const d = dwellingList[di]!;
    utilDwelling[i] = di;
    noteArea(d, text[utilities.areaCode[i]!]!);
    const address = text[utilities.address[i]!]!;
    if (!d.address || (d.residents.length + d.away.length + d.registerActive.length === 0 && address < d.address)) d.address = address;
    d.utilityRows++;
    const mi = monthIndex.get(text[utilities.period[i]!]!);
    if (mi !== undefined) utilMonth[i] = mi;
  }
  // slots in order of each dwelling's first window row
  const slotOf = new Int32Array(dwellingList.length).fill(-1);
  const slotDwelling: number[] = [];
  for (let i = 0; i < utilities.length; i++) {
    const di = utilDwelling[i]!;
    if (di >= 0 && utilMonth[i]! >= 0 && slotOf[di] === -1) {
      slotOf[di] = slotDwelling.length;
      slotDwelling.push(di);
    }
  }
  const sums = new Float64Array(slotDwelling.length * stride);
  for (let i = 0; i < utilities.length; i++) {
    const mi = utilMonth[i]!;
    if (mi < 0) continue;
    const di = utilDwelling[i]!;
    if (di < 0) continue;
    const d = dwellingList[di]!;
    d.windowUtilities = append(d.windowUtilities, i);
    const base = slotOf[di]! * stride + mi * 4;
    sums[base + utilities.utility[i]!]! += utilities.consumption[i]!;
    sums[base + 3]! += 1;
  }
  const minUse = occ.min_consumption;
  for (let slot = 0; slot < slotDwelling.length; slot++) {
    const d = dwellingList[slotDwelling[slot]!]!;
    for (let b = slot * stride; b < (slot + 1) * stride; b += 4) {
      if (sums[b + 3]! > 0 && (sums[b]! >= minUse.water || sums[b + 1]! >= minUse.electricity || sums[b + 2]! >= minUse.gas)) {
        d.activeMonths++;
      }
    }
  }
  for (let di = 0; di < dwellingList.length; di++) {
    const d = dwellingList[di]!;
    if (!d.hasAreaCode) d.inScope = true;
    d.occupancy =
      d.activeMonths >= occ.min_active_months ? 'occupied' : d.utilityRows > 0 && d.activeMonths === 0 ? 'vacant' : 'unknown';
  }

  // ---- small areas: village → most common small area; small area → most common enumerator
  const villageAreas = new Map<string, Map<string, number>>();
  for (const [area, count] of smallAreaCounts) {
    if (area.length < 12) continue;
    const v = area.slice(0, 12);
    let counts = villageAreas.get(v);
    if (!counts) villageAreas.set(v, (counts = new Map()));
    counts.set(area, count);
  }
  const villageArea = new Map<string, string>();
  for (const [v, counts] of villageAreas) villageArea.set(v, mostCommon(counts));
  const areaEnumerator = new Map<string, string>();
  for (const [a, counts] of areaEnumerators) areaEnumerator.set(a, mostCommon(counts));

  // ---- scope of records without an area code: dwelling, then a parent's/guardian's area
  const scopeOf = new Uint8Array(maxIx + 1); // 0 unknown yet, 1 in, 2 out
  let parentArea: Map<string, string> | undefined;
  let lastCode = '';
  let lastScope = 0;
  for (let i = 0; i < n; i++) {
    const r = records[i]!;
    const code = r.areaCode;
    if (code) {
      if (code !== lastCode) {
        lastCode = code;
        lastScope = code.startsWith(scopePrefix) ? 1 : 2;
      }
      scopeOf[r.ix] = lastScope;
      continue;
    }
    const di = dwellingAt[i]!;
    const d = di >= 0 ? dwellingList[di] : r.dwelling ? dwellings.get(r.dwelling) : undefined;
    if (d && d.hasAreaCode) scopeOf[r.ix] = d.inScope ? 1 : 2;
    else {
      parentArea ??= new Map();
      const details = r.details;
      if (details?.motherId?.value) parentArea.set(details.motherId.value, '');
      if (details?.fatherId?.value) parentArea.set(details.fatherId.value, '');
      if (details?.guardianId?.value) parentArea.set(details.guardianId.value, '');
    }
  }
  if (parentArea && parentArea.size > 0) {
    for (let i = 0; i < n; i++) {
      const r = records[i]!;
      if ((r.kind === 'register' && r.status === 'active') || r.kind === 'enumeration') {
        if (r.id.value && r.areaCode && parentArea.get(r.id.value) === '') parentArea.set(r.id.value, r.areaCode);
      }
    }
    const scopeByParent = (id: IdNumber | null): number => {
      const a = id?.value ? parentArea.get(id.value) : undefined;
      return a ? (a.startsWith(scopePrefix) ? 1 : 2) : 0;
    };
    for (let i = 0; i < n; i++) {
      const r = records[i]!;
      if (scopeOf[r.ix] !== 0) continue;
      const details = r.details;
      scopeOf[r.ix] = details ? scopeByParent(details.motherId) || scopeByParent(details.fatherId) || scopeByParent(details.guardianId) : 0;
    }
  }
  const inScope = (r: PersonRecord): boolean => scopeOf[r.ix] !== 2;

  // ---- persons: records grouped by person with a counting sort of positions, each list built once
  const personCount = linkage.personIds.length;
  const minProb = new Float64Array(personCount).fill(NaN);
  const { l: linkL, probability: linkProbability } = linkage.links;
  for (let k = 0; k < linkL.length; k++) {
    const pi = personOfIx[linkL[k]!]!;
    const cur = minProb[pi]!;
    if (Number.isNaN(cur) || linkProbability[k]! < cur) minProb[pi] = linkProbability[k]!;
  }
  const pStart = new Int32Array(personCount + 1);
  for (let i = 0; i < n; i++) pStart[personAt[i]! + 1]!++;
  for (let p = 0; p < personCount; p++) pStart[p + 1]! += pStart[p]!;
  const pOrder = new Int32Array(n);
  {
    const fill = pStart.slice(0, personCount);
    for (let i = 0; i < n; i++) pOrder[fill[personAt[i]!]!++] = i;
  }
  const catCount = new Int32Array(CATEGORIES + 1);
  const personAtIndex = (pi: number): PersonContext => {
    const from = pStart[pi]!;
    const to = pStart[pi + 1]!;
    const total = to - from;
    catCount.fill(0);
    for (let k = from; k < to; k++) catCount[catOf[pOrder[k]!]!]!++;
    const all = listOf(records, pOrder, catOf, from, to, -1, total);
    // a list holding every record of the person is the records list itself (lists are never mutated)
    const list = (cat: number): PersonRecord[] => {
      const c = catCount[cat]!;
      return c === total ? all : listOf(records, pOrder, catOf, from, to, cat, c);
    };
    const p: PersonContext = {
      index: pi,
      personId: linkage.personIds[pi]!,
      records: all,
      resident: list(RESIDENT),
      away: list(AWAY),
      registerActive: list(REGISTER_ACTIVE),
      registerInactive: list(REGISTER_INACTIVE),
      births: list(BIRTHS),
      schooling: list(SCHOOLING),
      deaths: list(DEATHS),
      birthDate: '',
      deathDate: '',
      bornAfterReference: false,
      diedBeforeReference: false,
      score: Number.isNaN(minProb[pi]!) ? null : minProb[pi]!,
    };
    p.birthDate = personBirthDate(p);
    p.bornAfterReference = p.birthDate !== '' && p.birthDate >= ref;
    if (p.deaths.length === 0 && p.registerInactive.length === 0) return p;
    let death = '';
    let undatedDeath = false;
    for (const r of p.deaths) {
      const date = deathDateOf(r);
      if (date && date < ref && (!death || date < death)) death = date;
    }
    for (const r of p.registerInactive) {
      if (r.status !== 'deceased') continue;
      if (!r.statusDate) undatedDeath = true;
      else if (r.statusDate < ref && (!death || r.statusDate < death)) death = r.statusDate;
    }
    p.deathDate = death;
    p.diedBeforeReference = death !== '' || undatedDeath;
    return p;
  };
  const personOf = (r: PersonRecord): PersonContext => personAtIndex(personOfIx[r.ix]!);

  const locateDwelling = (d: DwellingContext): Location => {
    const area = d.smallArea || (d.village ? (villageArea.get(d.village) ?? '') : '');
    return { areaCode: area, enumeratorId: (d.smallArea ? d.enumeratorId : '') || areaEnumerator.get(area) || '', address: d.address };
  };
  const locate = (r: PersonRecord): Location => {
    if (r.kind === 'enumeration') {
      return { areaCode: r.areaCode, enumeratorId: r.enumeratorId || areaEnumerator.get(r.areaCode) || '', address: r.address };
    }
    const d = r.dwelling ? dwellings.get(r.dwelling) : undefined;
    let area = d?.smallArea ?? '';
    let enumerator = area ? d!.enumeratorId : '';
    if (!area) {
      const village = r.areaCode.length >= 12 ? r.areaCode.slice(0, 12) : (d?.village ?? '');
      area = villageArea.get(village) ?? '';
    }
    return { areaCode: area, enumeratorId: enumerator || areaEnumerator.get(area) || '', address: r.address };
  };

  const partners = new Map<number, number[]>();
  for (const { l, r } of linkage.review) {
    partners.set(l, append(partners.get(l) ?? EMPTY, r));
    partners.set(r, append(partners.get(r) ?? EMPTY, l));
  }

  return {
    referenceDate: ref,
    scopePrefix,
    matchThreshold: input.matchThreshold,
    windowMonths: months,
    personCount,
    personAt: personAtIndex,
    dwellings,
    linkage,
    record: (ix) => byIx[ix],
    reviewPartners: (ix) => partners.get(ix) ?? EMPTY,
    utilityRef: (row) => utilityRef(utilities, row),
    personOf,
    inScope,
    locate,
    locateDwelling,
  };
}

function personBirthDate(p: PersonContext): string {
  for (const r of p.births) if (r.birthDate) return r.birthDate;
  if (p.records.length === 1) return p.records[0]!.birthDate;
  let best = '';
  let bestN = 0;
  for (const r of p.records) {
    if (!r.birthDate || r.birthDate === best) continue;
    let n = 0;
    for (const s of p.records) if (s.birthDate === r.birthDate) n++;
    if (n > bestN || (n === bestN && r.birthDate < best)) {
      best = r.birthDate;
      bestN = n;
    }
  }
  return best;
}
